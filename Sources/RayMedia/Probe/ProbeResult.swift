import RayCanvas

/// Everything `raykit probe` reports about one clip. Times are in seconds, sizes in pixels.
public struct ProbeResult: Codable, Equatable, Sendable {
    /// The path as given.
    public var file: String
    /// libavformat's demuxer name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`, `mpegts`.
    public var container: String
    /// The demuxer's long name, e.g. `QuickTime / MOV`.
    public var containerLongName: String
    /// The file's major brand for ISO/QuickTime files (`isom`, `mp42`, `qt`), telling MP4 from MOV.
    public var majorBrand: String?
    /// File size in bytes.
    public var sizeBytes: Int64
    /// Overall bitrate in bits per second, if known.
    public var bitRate: Int64?
    /// Duration a player shows (edit lists applied), in seconds.
    public var duration: Double?
    /// First timestamp of the file, in seconds (far from 0 in many MPEG-TS captures).
    public var startTime: Double?
    /// The video stream read: the one asked for, else the main one (never a cover picture).
    public var video: VideoInfo
    /// Every video stream a player can show, in file order (cover pictures left out).
    public var videoStreams: [VideoStreamSummary]
    public var audio: [AudioInfo]
    /// The picture codec (`png`) when the file is a still image, whatever its name says: not a video to crop,
    /// fix or edit. Left out for videos.
    public var stillImage: String?
    /// The start timecode the file names for its video (a QuickTime `tmcd` track), `01:00:00:00`.
    public var timecode: String?
}

/// One video stream of a file with its header's facts, so a caller can pick another than the main one.
public struct VideoStreamSummary: Codable, Equatable, Sendable {
    /// Stream index in the container (what `stream:` parameters take).
    public var index: Int
    public var codec: String
    /// Coded picture size, pixels.
    public var width: Int
    public var height: Int
    /// Whether the file marks the stream as the one to play by default.
    public var isDefault: Bool
    /// Whether this is the stream `video` describes.
    public var selected: Bool

    enum CodingKeys: String, CodingKey {
        case index, codec, width, height, isDefault = "default", selected
    }
}

/// How the pictures of a video stream are scanned.
public enum FieldOrder: String, Codable, Sendable {
    /// Whole frames.
    case progressive
    /// Interlaced, top field shown first.
    case tff
    /// Interlaced, bottom field shown first.
    case bff
    /// Neither the container nor the first decoded frame says.
    case unknown
}

/// The main video stream.
public struct VideoInfo: Codable, Equatable, Sendable {
    /// Stream index in the container.
    public var streamIndex: Int
    /// Codec short name (`h264`, `hevc`, …).
    public var codec: String
    /// Codec profile name (`High`, `Main 10`, …), if known.
    public var profile: String?
    /// Pixel format name (`yuv420p`, `yuv420p10le`, …).
    public var pixelFormat: String?
    /// Bits per component of the pixel format.
    public var bitDepth: Int?
    /// Size of the coded picture.
    public var codedWidth: Int
    public var codedHeight: Int
    /// Sample (pixel) aspect ratio, `1:1` for square pixels.
    public var sampleAspectRatio: AspectRatio
    /// Clockwise rotation in degrees (0, 90, 180, 270) a player applies, from the display matrix.
    public var rotation: Int
    /// Whether the display matrix also mirrors the picture horizontally.
    public var horizontalFlip: Bool
    /// Size a player shows: sample aspect ratio then rotation applied.
    public var displayWidth: Int
    public var displayHeight: Int
    /// Display aspect ratio, reduced (`16:9`) and as a decimal.
    public var aspectRatio: AspectRatio
    public var aspectRatioDecimal: Double
    /// The nearest of Ray 3.2's six ratios and the relative error |actual/nearest − 1|.
    public var nearestSupportedRatio: SupportedRatio
    public var nearestRatioError: Double
    /// Average frame rate (frames per second) and as a fraction (`30000/1001`).
    public var averageFrameRate: Double?
    public var averageFrameRateFraction: String?
    /// Base (real) frame rate: the lowest rate all timestamps fit, as a fraction.
    public var baseFrameRateFraction: String?
    /// Frames a decoder presents. Exact from a packet scan unless `frameCountEstimated`.
    public var frameCount: Int
    /// True when `frameCount` comes from the header or duration × rate (`--fast`).
    public var frameCountEstimated: Bool
    /// How `frameCount` was obtained: a packet scan, decoding, or the header (`--fast`).
    public var frameCountMethod: FrameCountMethod
    /// Whether frame durations vary (from the packet scan; nil with `--fast`).
    public var variableFrameRate: Bool?
    /// Duration of the video stream a player shows, in seconds.
    public var duration: Double?
    /// Keyframes among the presented frames and the longest run of frames between two (nil with `--fast`).
    public var keyframeCount: Int?
    public var longestGOP: Int?
    /// Progressive or interlaced and which field comes first (from the stream header, else the first decoded frame).
    public var fieldOrder: FieldOrder
    public var color: ColorInfo
}

/// How a frame count was obtained.
public enum FrameCountMethod: String, Codable, Sendable {
    /// A scan of every video packet, no decoding: exact where the packets are the frames shown.
    case packets
    /// The frames the decoder gave out over the whole stream: used where a packet scan cannot know
    /// (missing or repeated timestamps, a start between keyframes, leading pictures the decoder drops).
    case decoded
    /// The container header's count, or duration × frame rate: an estimate.
    case header
}

/// Colour description of the video stream (FFmpeg's names; nil when untagged).
public struct ColorInfo: Codable, Equatable, Sendable {
    public var primaries: String?
    public var transfer: String?
    public var matrix: String?
    /// `tv` (limited) or `pc` (full).
    public var range: String?
    /// HDR verdict from the transfer characteristic.
    public var hdr: HDRKind
    /// Why the verdict was reached, in words.
    public var hdrReason: String
    /// HDR10 static metadata, for HLG/PQ clips that carry it (in the container or the first frame's SEI).
    public var masteringDisplay: MasteringDisplay?
    public var contentLightLevel: ContentLightLevel?
}

/// Dynamic-range family of a clip.
public enum HDRKind: String, Codable, Sendable {
    case sdr, hlg, pq
}

/// One audio stream.
public struct AudioInfo: Codable, Equatable, Sendable {
    public var streamIndex: Int
    public var codec: String
    public var channels: Int
    /// Samples per second.
    public var sampleRate: Int
    /// Seconds the stream lasts: measured from its packets with the exact frame count (first packet shown to the
    /// end of the last), else the container's figure, if it gives one.
    public var duration: Double?
}
