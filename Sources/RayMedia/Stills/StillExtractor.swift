import Foundation

/// What to extract from a clip and how to write it.
public struct StillRequest: Sendable {
    /// The frames, as parsed selectors.
    public var selectors: [FrameSelector]
    public var format: ImageFormat
    /// JPEG quality 1…100; nil for the default (90). Ignored for PNG.
    public var quality: Int?
    public var size: StillSize
    /// Keep coded pixels (no rotation, no square-pixel scaling).
    public var raw: Bool
    /// Replace existing files.
    public var overwrite: Bool

    public init(selectors: [FrameSelector], format: ImageFormat = .png, quality: Int? = nil,
                size: StillSize = .native, raw: Bool = false, overwrite: Bool = false) {
        self.selectors = selectors
        self.format = format
        self.quality = quality
        self.size = size
        self.raw = raw
        self.overwrite = overwrite
    }
}

/// One still written to disk.
public struct ExtractedStill: Codable, Equatable, Sendable {
    /// Frame number in presentation order, counted from 0 (Ray 3.2 Edit's `keyframeIndex`).
    public let frameIndex: Int
    /// Seconds from the first frame's start to this frame's start.
    public let timestamp: Double
    /// Path of the image written.
    public let file: String
    public let width: Int
    public let height: Int
}

/// Pulls exact frames out of a clip as PNG or JPEG stills.
public enum StillExtractor {
    /// The file name a still of frame `index` gets: `frame_000048.png`.
    public static func fileName(frame index: Int, format: ImageFormat) -> String {
        "frame_" + String(repeating: "0", count: max(0, 6 - String(index).count)) + "\(index).\(format.fileExtension)"
    }

    /// Extracts the selected frames of `clip` into `directory` (created if missing).
    ///
    /// Selectors are checked against the clip before anything is decoded; existing files are
    /// refused unless `request.overwrite`. Frames are decoded one at a time and written atomically.
    /// - Parameters:
    ///   - validate: further checks on the chosen frame numbers and the clip's frame count, run before decoding.
    ///   - onStill: called with each still and its pixels as it is written (for contact sheets).
    /// - Returns: the stills, in frame order.
    /// - Throws: `MediaError` for a bad clip, a bad selector, an existing file or a write failure.
    public static func extract(from clip: String, _ request: StillRequest, into directory: String,
                               validate: (([Int], Int) throws(MediaError) -> Void)? = nil,
                               onStill: ((ExtractedStill, RGBImage) -> Void)? = nil) throws(MediaError) -> [ExtractedStill] {
        let reader = try FrameReader(path: clip)
        let starts = reader.index.frameStarts
        let targets = try FrameSelector.resolve(request.selectors, frameStarts: starts, duration: reader.index.duration, clip: clip)
        try validate?(targets, starts.count)
        let paths = targets.map { URL(fileURLWithPath: directory).appendingPathComponent(fileName(frame: $0, format: request.format)).path }
        for path in paths { try AtomicFile.checkWritable(path, overwrite: request.overwrite) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw MediaError(.failed, file: directory, "cannot create the output folder: \(error.localizedDescription)")
        }
        let probe = StreamDescription(reader.stream)
        let converter = FrameConverter(orientation: probe.orientation, sampleAspectRatio: probe.sampleAspectRatio,
                                       hdr: probe.hdr, size: request.size, raw: request.raw)
        var encoder: ImageEncoder?
        var stills: [ExtractedStill] = []
        do {
            try reader.read(targets) { target, frame in
                let image = converter.convert(frame)
                if encoder == nil || encoder!.width != image.width || encoder!.height != image.height {
                    encoder = try ImageEncoder(format: request.format, width: image.width, height: image.height, quality: request.quality)
                }
                let path = paths[stills.count]
                try AtomicFile.write(try encoder!.encode(image), to: path, overwrite: request.overwrite)
                let still = ExtractedStill(frameIndex: target, timestamp: starts[target], file: path, width: image.width, height: image.height)
                stills.append(still)
                onStill?(still, image)
            }
        } catch let error as MediaError {
            throw error
        } catch {
            throw MediaError(.failed, file: clip, "\(error)")
        }
        return stills
    }
}
