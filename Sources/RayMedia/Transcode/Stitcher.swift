internal import CFFmpeg
import Foundation
import RayCanvas

/// One segment's result and the source frames it stands for.
public struct StitchPart: Sendable {
    public let result: Clip
    /// The first and last source frame (inclusive) the result covers.
    public let firstFrame: Int, lastFrame: Int

    public init(result: Clip, firstFrame: Int, lastFrame: Int) {
        (self.result, self.firstFrame, self.lastFrame) = (result, firstFrame, lastFrame)
    }
}

/// What a stitch did, per part: how the result's timing compared with its span of the source.
public struct StitchReport: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        public let firstFrame: Int, lastFrame: Int
        /// Frames the result has, and seconds it lasts more (or less, negative) than its span of the source.
        public let resultFrames: Int
        public let drift: Double
        /// Whether its frames were placed by presentation time rather than one for one.
        public let retimed: Bool
    }

    public let output: String
    public let frames: Int
    public let parts: [Part]
}

/// Puts segment results back on the source's frame grid: output frame N shows source frame N's moment,
/// taken from the result covering it at the same time from its start (a result at another rate or length
/// is retimed by presentation time); where two results cover a frame (an in-shot overlap) they are
/// cross-faded, the later one rising. The source's audio is muxed once over the whole (``Soundtrack``).
public enum Stitcher {
    /// Stitches `parts` (in source order, together covering every source frame) into `output`.
    ///
    /// - Throws: `MediaError` for parts that leave a frame uncovered or overlap more than two deep, results
    ///   that cannot be read, or an output that cannot be written; nothing is left under `output` then.
    /// - Parameter keepAudio: mux the source's audio (else the output has none).
    public static func stitch(source: Clip, parts: [StitchPart], to output: String, encode: EncodeOptions = EncodeOptions(),
                              keepAudio: Bool = true, overwrite: Bool = false) throws(MediaError) -> StitchReport {
        if !overwrite && FileManager.default.fileExists(atPath: output) {
            throw MediaError(.outputExists, file: output, "already exists")
        }
        let video = AtomicFile.temporaryPath(for: output) + "-video.mp4"
        defer { try? FileManager.default.removeItem(atPath: video) }
        let writer = try StitchWriter(source: source, parts: parts, output: video, encode: encode)
        let report = try writer.run()
        let stitched = Clip(video)
        _ = try Soundtrack.restore(video: stitched, audioFrom: keepAudio ? source : stitched, to: output, overwrite: overwrite)
        return StitchReport(output: output, frames: report.frames, parts: report.parts)
    }
}

/// One part being read: its frames by index, each converted once for the encoder.
private final class PartReader {
    let part: StitchPart
    let reader: FrameSource
    let path: PicturePath
    /// The result's frame starts, seconds after its first frame.
    let starts: [Double]
    private var current: (index: Int, picture: Frame)?

    init(_ part: StitchPart, output: PixelSize, pixelFormat: AVPixelFormat) throws(MediaError) {
        self.part = part
        reader = try part.result.frameSource()
        starts = reader.index.frameStarts
        let stream = StreamDescription(reader.stream)
        let par = reader.stream.pointee.codecpar.pointee
        path = PicturePath(coded: PixelSize(width: Int(par.width), height: Int(par.height)), sar: stream.sampleAspectRatio,
                           orientation: stream.orientation, output: output, pixelFormat: pixelFormat, sourceColor: PictureColor(par),
                           outputColor: .sdrBT709, toneMap: stream.hdr == .sdr ? nil : ToneMap(stream.hdr))
    }

    /// The result's frame showing `seconds` after its start, ready for the encoder (valid until the next call).
    /// Times are asked for in order, so the frame is found by walking on from the last one.
    func picture(at seconds: Double) throws(MediaError) -> Frame {
        var index = current?.index ?? 0
        while index + 1 < starts.count && starts[index + 1] <= seconds + 1e-6 { index += 1 }
        if let current, current.index == index { return current.picture }
        let picture = path.apply(try reader.frame(at: index))
        current = (index, picture)
        return picture
    }
}

/// Encodes the stitched video (no audio) on the source's frame grid.
private final class StitchWriter {
    let source: FrameIndex
    let sourcePath: String
    let parts: [PartReader]
    let output: String
    let out: OutputFile
    let encoder: VideoEncoder
    let stream: UnsafeMutablePointer<AVStream>
    private var blend: Frame?
    private var durations: [Int64: Int64] = [:]

    init(source clip: Clip, parts: [StitchPart], output: String, encode: EncodeOptions) throws(MediaError) {
        source = try clip.frameIndex()
        sourcePath = clip.path
        try Self.checkCoverage(parts, frames: source.count, file: clip.path)
        let first = try parts[0].result.probe().video
        let size = PixelSize(width: first.displayWidth / 2 * 2, height: first.displayHeight / 2 * 2)
        self.output = output
        out = try OutputFile(path: output)
        let demuxer = try clip.demux(fullStreamInfo: false)
        let rate = FrameIndex.nominalRate(demuxer.stream(try demuxer.videoStreamIndex(requested: clip.stream)))
        encoder = try VideoEncoder(.init(codec: .h264, width: size.width, height: size.height, timeBase: source.timeBase, frameRate: rate,
                                         crf: encode.crf, preset: encode.preset, threads: encode.threads, maxBitRate: encode.maxBitRate,
                                         globalHeader: out.wantsGlobalHeader, color: .sdrBT709, hdrMetadata: nil), file: clip.path)
        let pixelFormat = encoder.pixelFormat
        self.parts = try parts.map { part throws(MediaError) in try PartReader(part, output: size, pixelFormat: pixelFormat) }
        stream = out.addStream()
        guard avcodec_parameters_from_context(stream.pointee.codecpar, encoder.context) >= 0 else { fatalError("out of memory") }
        stream.pointee.time_base = encoder.context.pointee.time_base
        try out.writeHeader(options: ["movflags": "+faststart"])
    }

    /// Every source frame covered by one part or two, in order, none past the end.
    private static func checkCoverage(_ parts: [StitchPart], frames: Int, file: String) throws(MediaError) {
        guard let first = parts.first, first.firstFrame == 0, parts.last?.lastFrame == frames - 1 else {
            throw MediaError(.invalidRequest, file: file, "the parts must cover frames 0 to \(frames - 1)")
        }
        for (a, b) in zip(parts, parts.dropFirst()) where b.firstFrame > a.lastFrame + 1 || b.firstFrame <= a.firstFrame || b.lastFrame <= a.lastFrame {
            throw MediaError(.invalidRequest, file: file, "frames \(a.lastFrame + 1)-\(b.firstFrame - 1) are in no part, or parts are out of order")
        }
    }

    func run() throws(MediaError) -> (frames: Int, parts: [StitchReport.Part]) {
        let starts = source.frameStarts
        for n in 0..<source.count {
            let covering = parts.filter { $0.part.firstFrame <= n && n <= $0.part.lastFrame }
            let pictures = try covering.map { reader throws(MediaError) in try reader.picture(at: starts[n] - starts[reader.part.firstFrame]) }
            var picture = pictures[0]
            if pictures.count > 1, let later = covering.last?.part, let earlier = covering.first?.part {
                let weight = Double(n - later.firstFrame + 1) / Double(earlier.lastFrame - later.firstFrame + 2)
                picture = mixed(pictures[0], pictures[1], weight: weight)
            }
            try encode(picture, frame: n)
        }
        try encoder.encode(nil, write, file: output)
        try out.finish()
        return (source.count, parts.map(report))
    }

    /// `a` and `b` mixed, `weight` of `b` (0…1), into a frame of the encoder's format.
    private func mixed(_ a: Frame, _ b: Frame, weight: Double) -> Frame {
        let result = Frame.reusing(&blend, encoder.pixelFormat, width: Int(a.width), height: Int(a.height))
        let w = Int((weight * 256).rounded())
        for plane in 0..<3 {
            let (width, height) = plane == 0 ? (Int(a.width), Int(a.height)) : ((Int(a.width) + 1) / 2, (Int(a.height) + 1) / 2)
            for y in 0..<height {
                let (pa, pb, po) = (a.row(y, plane: plane), b.row(y, plane: plane), result.row(y, plane: plane))
                for x in 0..<width {
                    po[x] = UInt8((Int(pa[x]) * (256 - w) + Int(pb[x]) * w + 128) >> 8)
                }
            }
        }
        return result
    }

    /// Encodes the picture for source frame `n`, at its presentation time and for as long as it shows.
    private func encode(_ picture: Frame, frame n: Int) throws(MediaError) {
        let start = source.timestamps[n] &- source.timestamps[0]
        let stop = n + 1 < source.count ? source.timestamps[n + 1] &- source.timestamps[0] : start &+ max(1, source.durations[n])
        picture.pointer.pointee.pts = start
        durations[start] = max(1, stop &- start)
        try encoder.encode(picture, write, file: output)
    }

    private func write(_ packet: Packet) throws(MediaError) {
        if let duration = durations.removeValue(forKey: packet.pts), packet.duration <= 0 { packet.pointer.pointee.duration = duration }
        av_packet_rescale_ts(packet.pointer, encoder.context.pointee.time_base, stream.pointee.time_base)
        packet.pointer.pointee.stream_index = stream.pointee.index
        try out.write(packet)
    }

    /// How a part's result lines up with its span of the source.
    private func report(_ reader: PartReader) -> StitchReport.Part {
        let part = reader.part
        let span = (part.lastFrame + 1 < source.count ? source.frameStarts[part.lastFrame + 1] : source.duration) - source.frameStarts[part.firstFrame]
        let resultFrames = reader.starts.count
        let resultSeconds = reader.reader.index.duration
        return StitchReport.Part(firstFrame: part.firstFrame, lastFrame: part.lastFrame, resultFrames: resultFrames, drift: resultSeconds - span,
                                 retimed: resultFrames != part.lastFrame - part.firstFrame + 1)
    }
}
