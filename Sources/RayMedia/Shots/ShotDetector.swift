import Foundation

/// Finds the shots of a clip in one streaming pass: each frame reduced to a 64x36 HSV thumbnail and
/// compared with the one before (hard cuts) and with the one a few frames back (dissolves and fades).
public enum ShotDetector {
    /// How sensitive the detector is.
    public struct Options: Sendable {
        /// Content change (0-255) into a frame that makes it a hard cut: PySceneDetect's default, 27.
        public var threshold = 27.0
        /// Shots shorter than this many frames are not split off (flashes, single odd frames).
        public var minimumShotFrames = 8
        /// Frames back the gradual comparison looks: a change over this many frames as large as a cut,
        /// with no cut inside, is a dissolve or fade.
        public var gradualWindow = 6

        public init() {}
    }

    /// The shots of `clip`.
    ///
    /// - Throws: `MediaError` for a clip that cannot be read.
    public static func detect(_ clip: Clip, _ options: Options = Options()) throws(MediaError) -> ShotReport {
        let source = try clip.frameSource()
        source.roughPictures = true
        let thumbnailer = Thumbnailer()
        var changes: [Double] = [], gradual: [Double] = []
        var recent: [Thumbnail] = []
        while let (_, frame) = try source.next() {
            let thumbnail = thumbnailer.thumbnail(frame)
            changes.append(recent.last.map { thumbnail.change(from: $0) } ?? 0)
            // `recent` holds the last `gradualWindow` thumbnails: its first is exactly that many frames back.
            gradual.append(recent.count == options.gradualWindow ? thumbnail.change(from: recent[0]) : 0)
            recent.append(thumbnail)
            if recent.count > options.gradualWindow { recent.removeFirst() }
        }
        let starts = source.index.frameStarts
        return Transitions(changes: changes, gradual: gradual, options: options).report(file: clip.path, frameStarts: starts,
                                                                                       duration: source.index.duration)
    }
}
