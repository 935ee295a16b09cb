/// A run of frames between two transitions.
public struct Shot: Codable, Sendable, Equatable {
    /// How a shot begins.
    public enum Start: String, Codable, Sendable {
        /// The clip's first frame.
        case clipStart
        /// A hard cut: this frame and the one before belong to different shots.
        case cut
        /// The end of a dissolve or fade from the shot before.
        case dissolve
    }

    /// First and last frame, by index (inclusive).
    public let firstFrame: Int
    public let lastFrame: Int
    /// Seconds from the clip's first frame to this shot's first frame.
    public let start: Double
    /// Seconds the shot lasts.
    public let duration: Double
    /// The frame most like the shot as a whole (closest to its average picture).
    public let representativeFrame: Int
    public let begins: Start
}

/// A gradual transition (dissolve or fade): the frames that belong to neither shot fully.
public struct Dissolve: Codable, Sendable, Equatable {
    public let firstFrame: Int
    public let lastFrame: Int
}

/// A flash or other short excursion: frames that jump away from the picture and come back to it within a
/// few frames. Part of the shot around it, but no guide frame should show it.
public struct Flash: Codable, Sendable, Equatable {
    public let firstFrame: Int
    public let lastFrame: Int
}

/// What `ShotDetector` found in one clip.
public struct ShotReport: Encodable, Sendable {
    public let file: String
    public let frameCount: Int
    public let shots: [Shot]
    /// First frames of the shots that begin with a hard cut.
    public let cuts: [Int]
    public let dissolves: [Dissolve]
    public let flashes: [Flash]
    /// Content change into each frame from the one before (0 for frame 0), on a 0-255 scale: the mean
    /// absolute difference of hue, saturation and value of small pictures (what PySceneDetect's content
    /// detector measures). Where a sparse decode skipped frames (``ShotDetector/Decoding/sparse``), an
    /// estimate: the change between the reference pictures around the frame spread evenly over the frames
    /// between them, so representative frames there may differ from a full decode's.
    public let changes: [Double]

    private enum CodingKeys: String, CodingKey { case file, frameCount, shots, cuts, dissolves, flashes }

    public init(file: String, frameCount: Int, shots: [Shot], cuts: [Int], dissolves: [Dissolve], flashes: [Flash] = [], changes: [Double]) {
        (self.file, self.frameCount, self.shots, self.cuts, self.dissolves, self.flashes, self.changes) =
            (file, frameCount, shots, cuts, dissolves, flashes, changes)
    }

    /// Whether frame `index` lies inside a dissolve.
    public func isInDissolve(_ index: Int) -> Bool {
        dissolves.contains { $0.firstFrame <= index && index <= $0.lastFrame }
    }

    /// Whether frame `index` lies inside a flash.
    public func isInFlash(_ index: Int) -> Bool {
        flashes.contains { $0.firstFrame <= index && index <= $0.lastFrame }
    }
}
