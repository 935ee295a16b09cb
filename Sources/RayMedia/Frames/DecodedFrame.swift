/// One frame of a clip as a player shows it, 8 bits a sample: the pixels `raykit frames` writes as PNG.
///
/// Display-correct: the display matrix's rotation and mirror applied, anamorphic pixels scaled to
/// square, YUV converted from the frame's own colour tags, HLG and PQ tone-mapped to SDR.
public struct DecodedFrame: Equatable, Sendable {
    /// Frame number in presentation order, counted from 0 (Ray 3.2 Edit's `keyframeIndex`).
    public let index: Int
    /// Seconds from the first frame's start to this frame's start.
    public let seconds: Double
    /// Display width in pixels.
    public let width: Int
    /// Display height in pixels.
    public let height: Int
    /// Packed RGB, rows top to bottom, 3 bytes a pixel, no padding: `width × height × 3` bytes.
    public let rgb: [UInt8]

    /// The pixels as an `RGBImage`, to crop, resize or write as PNG or JPEG.
    public var image: RGBImage { RGBImage(width: width, height: height, pixels: rgb) }
}

/// One frame of a clip at 16 bits a sample, for 10-bit and HDR sources.
///
/// The same display geometry as `DecodedFrame` (rotation, mirror, square pixels), converted from
/// YUV at full precision, but never tone-mapped: samples keep the source's primaries and transfer
/// (`transfer`: BT.2020 PQ or HLG for HDR, else what the clip's colour says; see `ProbeResult`).
public struct DecodedFrame16: Equatable, Sendable {
    /// Frame number in presentation order, counted from 0.
    public let index: Int
    /// Seconds from the first frame's start to this frame's start.
    public let seconds: Double
    /// Display width in pixels.
    public let width: Int
    /// Display height in pixels.
    public let height: Int
    /// Packed RGB, rows top to bottom, 3 samples a pixel, no padding: `width × height × 3` values, each
    /// 0…65535 (a 10-bit sample `v` comes out as about `v × 64`).
    public let rgb: [UInt16]
    /// The transfer the samples are in: `.sdr`, or `.hlg`/`.pq` for HDR.
    public let transfer: HDRKind
}
