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
    /// The index of the video stream to read; nil for the main one.
    public var stream: Int? = nil

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

    /// When each frame of `clip` starts (seconds after the first) and the clip's shown duration, from a
    /// packet scan: what `FrameSelector.resolve` needs to turn selectors into frame numbers.
    public static func timeline(of clip: String) throws(MediaError) -> (frameStarts: [Double], duration: Double) {
        try Clip(clip).timeline()
    }

    /// Decodes one frame of `clip` into memory, display-correct, without writing anything.
    ///
    /// - Returns: the frame number chosen and its pixels.
    /// - Throws: `MediaError` for a bad clip or a selector outside it.
    public static func image(from clip: String, at selector: FrameSelector, size: StillSize = .native) throws(MediaError) -> (frameIndex: Int, image: RGBImage) {
        try image(from: Clip(clip), at: selector, size: size)
    }

    /// Decodes one frame of `clip` into memory, display-correct, without writing anything.
    public static func image(from clip: Clip, at selector: FrameSelector, size: StillSize = .native) throws(MediaError) -> (frameIndex: Int, image: RGBImage) {
        let index = try clip.frameIndex()
        guard let target = try FrameSelector.resolve([selector], frameStarts: index.frameStarts, duration: index.duration, clip: clip.path).first else {
            throw MediaError(.invalidRequest, file: clip.path, "no frame selected")
        }
        return (target, try images(from: clip, at: [target], size: size)[target]!)
    }

    /// Decodes the frames numbered `indexes` of `clip` into memory in one forward pass, display-correct, as
    /// `image(from:at:)` gives each.
    ///
    /// - Throws: `MediaError` for a bad clip or a frame number outside it.
    public static func images(from clip: Clip, at indexes: some Sequence<Int>, size: StillSize = .native) throws(MediaError) -> [Int: RGBImage] {
        let reader = try clip.frameSource()
        let targets = Array(Set(indexes)).sorted()
        if let outside = targets.first(where: { $0 < 0 || $0 >= reader.index.count }) {
            throw MediaError(.invalidRequest, file: clip.path, "no frame \(outside): the clip has \(reader.index.count) frames")
        }
        var converter: FrameConverter?
        var images: [Int: RGBImage] = [:]
        try reader.read(targets) { (target, frame) throws(MediaError) in
            if converter == nil {
                let stream = StreamDescription(reader.stream, frame: frame)
                converter = FrameConverter(orientation: stream.orientation, sampleAspectRatio: stream.sampleAspectRatio,
                                           toneMap: stream.hdr == .sdr ? nil : ToneMap(stream.hdr), size: size, raw: false,
                                           color: PictureColor(reader.stream.pointee.codecpar.pointee))
            }
            images[target] = RGBImage(rgb: converter!.convert(frame))
        }
        return images
    }

    /// Extracts the selected frames of `clip` into `directory` (created if missing).
    ///
    /// Selectors are checked against the clip before anything is decoded; existing files are
    /// refused unless `request.overwrite`. Frames are decoded one at a time and written atomically.
    /// - Parameters:
    ///   - validate: further checks on the chosen frame numbers and the clip's frame count, run before decoding.
    ///   - onStill: called with each still and its pixels once it is written (for contact sheets), from
    ///     worker threads and in any order: stills are converted and encoded in parallel with decoding.
    ///   - isCancelled: polled before each still; when it turns true the extraction stops.
    /// - Returns: the stills, in frame order.
    /// - Throws: `MediaError` for a bad clip, a bad selector, an existing file or a write failure; `.cancelled`
    ///   when stopped. A failed or stopped extraction removes the stills it wrote (and the folder, if it made it).
    public static func extract(from clip: String, _ request: StillRequest, into directory: String,
                               validate: (([Int], Int) throws(MediaError) -> Void)? = nil,
                               onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)? = nil,
                               isCancelled: () -> Bool = { false }) throws(MediaError) -> [ExtractedStill] {
        try extract(from: Clip(clip, stream: request.stream), request, into: directory, validate: validate, onStill: onStill,
                    isCancelled: isCancelled)
    }

    /// Extracts the selected frames of an opened clip (its index reused) into `directory`; see the path form.
    public static func extract(from clip: Clip, _ request: StillRequest, into directory: String,
                               validate: (([Int], Int) throws(MediaError) -> Void)? = nil,
                               onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)? = nil,
                               isCancelled: () -> Bool = { false }) throws(MediaError) -> [ExtractedStill] {
        let reader = try clip.frameSource()
        let starts = reader.index.frameStarts
        let targets = try FrameSelector.resolve(request.selectors, frameStarts: starts, duration: reader.index.duration, clip: clip.path)
        try validate?(targets, starts.count)
        let paths = targets.map { URL(fileURLWithPath: directory).appendingPathComponent(fileName(frame: $0, format: request.format)).path }
        let folderExisted = FileManager.default.fileExists(atPath: directory)
        for path in paths { try AtomicFile.checkWritable(path, overwrite: request.overwrite) }
        if let reason = AtomicFile.makeFolder(directory) {
            throw MediaError(.failed, file: directory, "cannot create the output folder: \(reason)")
        }
        // What a converter needs is settled by the first decoded frame.
        var writer: StillWriter?
        var sizer: FrameConverter?
        var stills: [ExtractedStill] = []
        do throws(MediaError) {
            try reader.read(targets) { (target, frame) throws(MediaError) in
                if isCancelled() { throw MediaError(.cancelled, file: directory, "stopped: no stills kept") }
                if writer == nil {
                    let stream = StreamDescription(reader.stream, frame: frame)
                    let toneMap = stream.hdr == .sdr || request.raw ? nil : ToneMap(stream.hdr)
                    let color = PictureColor(reader.stream.pointee.codecpar.pointee)
                    let makeConverter: @Sendable () -> FrameConverter = {
                        FrameConverter(orientation: stream.orientation, sampleAspectRatio: stream.sampleAspectRatio,
                                       toneMap: toneMap, size: request.size, raw: request.raw, color: color)
                    }
                    sizer = makeConverter()
                    writer = StillWriter(request: request, pixels: Int(frame.width) * Int(frame.height),
                                         makeConverter: makeConverter, onStill: onStill)
                }
                let size = sizer!.outputSize(codedWidth: Int(frame.width), codedHeight: Int(frame.height))
                let still = ExtractedStill(frameIndex: target, timestamp: starts[target], file: paths[stills.count],
                                           width: size.width, height: size.height)
                try writer!.submit(frame.reference(), as: still)
                stills.append(still)
            }
            try writer?.finish()
            if isCancelled() { throw MediaError(.cancelled, file: directory, "stopped: no stills kept") }
        } catch {
            writer?.discard()
            if !folderExisted { rmdir(directory) }  // only when empty: never anything but our stills
            throw error
        }
        return stills
    }
}
