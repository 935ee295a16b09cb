internal import CFFmpeg

/// Decodes the frames asked for in one forward pass, one frame a call, through the stills' `FrameConverter`.
///
/// Used by one caller at a time (an iterator, a single-frame call); nothing is opened until the first call.
final class FramePass<Output>: @unchecked Sendable {
    /// How many bits a sample the output has.
    enum Depth {
        /// RGB24, HLG/PQ tone-mapped: exactly a PNG still's pixels.
        case eight
        /// RGB48, not tone-mapped.
        case sixteen
    }

    /// One converted frame, packed.
    struct Pixels {
        let index: Int
        let seconds: Double
        let width: Int
        let height: Int
        /// `width × height × 3` samples of 1 or 2 bytes (little-endian).
        let bytes: [UInt8]
        let transfer: HDRKind
    }

    let clip: Clip
    private let targets: [Int]
    private let depth: Depth
    private let output: (Pixels) -> Output
    private var reader: (source: FrameSource, starts: [Double])?
    private var converter: (FrameConverter, HDRKind)?
    private var position = 0

    /// - Parameter targets: frame numbers, ascending and distinct.
    init(_ clip: Clip, _ targets: [Int], depth: Depth, output: @escaping (Pixels) -> Output) {
        self.clip = clip
        self.targets = targets
        self.depth = depth
        self.output = output
    }

    /// The next frame asked for; nil after the last.
    ///
    /// - Throws: `MediaError` for a bad clip or, before anything is decoded, a frame number outside it.
    func next() throws(MediaError) -> Output? {
        let reader = try opened()
        guard position < targets.count else { return nil }
        let target = targets[position]
        let frame = try reader.source.frame(at: target)
        position += 1
        let (converter, transfer) = self.converter ?? makeConverter(reader.source, frame)
        self.converter = (converter, transfer)
        let rgb = converter.convert(frame)
        let bytesPerPixel = depth == .eight ? 3 : 6
        return output(Pixels(index: target, seconds: reader.starts[target], width: Int(rgb.width), height: Int(rgb.height),
                             bytes: rgb.packedBytes(bytesPerPixel: bytesPerPixel), transfer: transfer))
    }

    /// The clip's reader, opened on first use once every target is known to be inside the clip.
    private func opened() throws(MediaError) -> (source: FrameSource, starts: [Double]) {
        if let reader { return reader }
        let starts = try clip.timeline().frameStarts
        if let outside = targets.first(where: { !starts.indices.contains($0) }) {
            throw MediaError(.invalidRequest, file: clip.path, "frame \(outside) is outside the clip (frames 0…\(starts.count - 1))")
        }
        let source = try clip.frameSource()
        source.want(targets)
        reader = (source, starts)
        return (source, starts)
    }

    /// A converter set up as `StillExtractor` sets up a still's, from the stream and its first decoded frame.
    private func makeConverter(_ reader: FrameSource, _ frame: Frame) -> (FrameConverter, HDRKind) {
        let stream = StreamDescription(reader.stream, frame: frame)
        let toneMap = depth == .eight && stream.hdr != .sdr ? ToneMap(stream.hdr) : nil
        let converter = FrameConverter(orientation: stream.orientation, sampleAspectRatio: stream.sampleAspectRatio, toneMap: toneMap,
                                       size: .native, raw: false, color: PictureColor(reader.stream.pointee.codecpar.pointee),
                                       pixelFormat: depth == .eight ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_RGB48LE)
        return (converter, stream.hdr)
    }
}

extension DecodedFrame {
    init(_ pixels: FramePass<DecodedFrame>.Pixels) {
        self.init(index: pixels.index, seconds: pixels.seconds, width: pixels.width, height: pixels.height, rgb: pixels.bytes)
    }
}

extension DecodedFrame16 {
    init(_ pixels: FramePass<DecodedFrame16>.Pixels) {
        let samples = [UInt16](unsafeUninitializedCapacity: pixels.bytes.count / 2) { buffer, count in
            pixels.bytes.withUnsafeBytes { raw in
                for i in 0..<buffer.count { buffer[i] = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) }
            }
            count = buffer.count
        }
        self.init(index: pixels.index, seconds: pixels.seconds, width: pixels.width, height: pixels.height, rgb: samples,
                  transfer: pixels.transfer)
    }
}
