internal import CFFmpeg
import Foundation
import RayCanvas

/// How to encode the video of a crop.
public struct EncodeOptions: Sendable, Equatable {
    /// nil: HEVC 10-bit for HLG/PQ sources (keeps the HDR transfer), H.264 otherwise.
    public var codec: VideoCodec?
    /// Constant rate factor; nil for the encoder's default (x264: 23, x265: 28).
    public var crf: Int?
    /// x264/x265 preset; nil for the encoder's default (medium).
    public var preset: String?
    /// Encoder threads; 0 lets the encoder choose.
    public var threads: Int
    /// A ceiling on the video bitrate in bits per second (so a file fits a size limit); nil: none.
    public var maxBitRate: Int?

    public init(codec: VideoCodec? = nil, crf: Int? = nil, preset: String? = nil, threads: Int = 0, maxBitRate: Int? = nil) {
        self.codec = codec
        self.crf = crf
        self.preset = preset
        self.threads = threads
        self.maxBitRate = maxBitRate
    }
}

/// How to crop and re-encode a clip.
public struct CropSettings: Sendable {
    /// The window in display pixels (rotation and pixel shape applied), even sides.
    public var window: CropRect
    /// The delivered size in display pixels (the window's size unless scaling).
    public var output: PixelSize
    public var encode: EncodeOptions
    /// Keep only this span, in seconds from the first frame (start included, end excluded); nil: all.
    public var trim: ClosedRange<Double>?
    /// Resample a variable frame rate to the stream's base rate: each output slot shows the frame on
    /// screen at its time (frames repeated or dropped, timing kept). Frame positions change.
    public var constantFrameRate: Bool
    /// Replace an existing output file.
    public var overwrite: Bool

    public init(window: CropRect, output: PixelSize, encode: EncodeOptions = EncodeOptions(),
                trim: ClosedRange<Double>? = nil, constantFrameRate: Bool = false, overwrite: Bool = false) {
        self.window = window
        self.output = output
        self.encode = encode
        self.trim = trim
        self.constantFrameRate = constantFrameRate
        self.overwrite = overwrite
    }
}

/// How far a crop has got.
public struct CropProgress: Sendable {
    public let framesDone: Int
    /// Frames in the clip (from the probe), if known.
    public let framesTotal: Int?
    /// Seconds since the crop started.
    public let elapsed: Double
}

/// What a finished crop wrote.
public struct CropOutput: Codable, Sendable, Equatable {
    public let file: String
    public let codec: VideoCodec
    public let width: Int
    public let height: Int
    public let frames: Int
    public let audioStreams: Int
    /// Whether audio was re-encoded to AAC (audio an MP4 cannot carry, such as PCM); copied otherwise.
    public let audioTranscoded: Bool
    /// The start timecode written as a `tmcd` track: the source's, at the first frame kept; nil when it has none.
    public let timecode: String?
    /// What the crop could not keep from the source, in words (empty when it kept everything).
    public let notes: [String]
}
