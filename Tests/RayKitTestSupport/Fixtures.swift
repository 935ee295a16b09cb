import Foundation

/// The committed fixture clips and what `fixtures/make.sh` put into them (`fixtures/manifest.json`).
public enum Fixtures {
    /// The repository's top folder, found from this source file.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Absolute path of a fixture file.
    public static func path(_ name: String) -> String {
        root.appendingPathComponent("fixtures").appendingPathComponent(name).path
    }

    /// Every fixture the script made, good and bad.
    public static let all: [FixtureSpec] = {
        let url = root.appendingPathComponent("fixtures/manifest.json")
        do {
            struct Manifest: Decodable { let fixtures: [FixtureSpec] }
            return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)).fixtures
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// The playable video fixtures.
    public static var videos: [FixtureSpec] { all.filter { $0.bad == nil } }
    /// The fixtures that must be refused.
    public static var bad: [FixtureSpec] { all.filter { $0.bad != nil } }

    /// The spec of one fixture by file name.
    public static func spec(_ file: String) -> FixtureSpec {
        guard let spec = all.first(where: { $0.file == file }) else { fatalError("no fixture \(file) in manifest") }
        return spec
    }
}

/// What the fixture script generated, as written into the manifest (never read back from RayKit).
public struct FixtureSpec: Decodable, Sendable, CustomStringConvertible {
    public struct Audio: Decodable, Sendable {
        public let codec: String
        public let channels: Int
        public let sampleRate: Int
    }

    public let file: String
    public let bad: String?
    public let container: String?
    public let videoCodec: String?
    public let profile: String?
    public let pixelFormat: String?
    public let bitDepth: Int?
    public let codedWidth: Int?
    public let codedHeight: Int?
    public let sarNum: Int?
    public let sarDen: Int?
    public let rotation: Int?
    public let displayWidth: Int?
    public let displayHeight: Int?
    /// Nominal rate as a fraction, `30/1`.
    public let fps: String?
    public let frameCount: Int?
    public let packetCount: Int?
    public let gop: Int?
    public let keyframeCount: Int?
    public let durationSeconds: Double?
    public let startTimeSeconds: Double?
    public let variableFrameRate: Bool?
    public let colorPrimaries: String?
    public let colorTransfer: String?
    public let colorMatrix: String?
    public let hdr: String?
    public let audio: Audio?
    /// Side of one stamp cell in display pixels.
    public let stampCell: Int?
    /// Shot fixtures: the first frame of each shot that begins with a hard cut, and each dissolve's first and last frame.
    public let cuts: [Int]?
    public let dissolves: [[Int]]?
    /// Seconds of audio, where it differs from the video's `durationSeconds`.
    public let audioDurationSeconds: Double?
    /// When the first video frame starts, where it is not 0 (audio starts first).
    public let videoStartSeconds: Double?
    /// ISO/QuickTime major brand, where the script pins it (`qt` for MOV).
    public let majorBrand: String?
    /// The start timecode of a `tmcd` track, where the script writes one.
    public let timecode: String?
    /// For a stand-in of a Ray Reframe result: the clip it was made from, and where that clip's
    /// picture sits on the canvas (display pixels).
    public let reframeOf: String?
    public let placementX: Int?
    public let placementY: Int?
    public let placementWidth: Int?
    public let placementHeight: Int?
    /// Whether the display matrix mirrors the picture left-right (nil: no).
    public let horizontalFlip: Bool?
    /// The range the file tags (`tv`, `pc`), where the script sets it.
    public let colorRange: String?
    /// A solid patch away from the stamp, in display pixels, and the RGB it was drawn with.
    public let patchX: Int?
    public let patchY: Int?
    public let patchWidth: Int?
    public let patchHeight: Int?
    public let patchRGB: [Int]?
    /// HDR10 metadata the encoder was given: content light levels and mastering display luminance (nits).
    public let maxCLL: Int?
    public let maxFALL: Int?
    public let masteringMaxNits: Double?
    public let masteringMinNits: Double?

    /// Where the default stream is not the file's first (two video streams): its index.
    public let videoStreamIndex: Int?
    /// The other video stream of a file with two.
    public struct OtherStream: Decodable, Sendable {
        public let index: Int
        public let width: Int
        public let height: Int
        public let frameCount: Int
        public let stampCell: Int
    }
    public let otherVideoStream: OtherStream?
    /// A file whose picture size changes mid-stream: from `frame` on, frames are `width`x`height`.
    public struct SizeChange: Decodable, Sendable {
        public let frame: Int
        public let width: Int
        public let height: Int
        public let stampCell: Int
    }
    public let sizeChange: SizeChange?
    /// `progressive` unless the script made it interlaced (`tff`, `bff`).
    public let fieldOrder: String?
    /// Frames ÷ duration as a fraction, where it differs from the nominal `fps` (variable frame rate).
    public let averageFps: String?
    /// Size of a cover picture stored beside the media (attached_pic), if any.
    public let coverWidth: Int?
    public let coverHeight: Int?

    /// Absolute path of the file.
    public var path: String { Fixtures.path(file) }

    /// The display size of frame `n` (it differs after a mid-stream size change).
    public func displaySize(frame n: Int) -> (width: Int, height: Int) {
        if let change = sizeChange, n >= change.frame { return (change.width, change.height) }
        return (displayWidth!, displayHeight!)
    }

    /// The stamp's cell side in frame `n`, display pixels.
    public func stampCell(frame n: Int) -> Int {
        if let change = sizeChange, n >= change.frame { return change.stampCell }
        return stampCell!
    }

    /// `averageFps` as a number.
    public var averageFramesPerSecond: Double? { Self.rate(averageFps) }
    /// The nominal rate as a number.
    public var framesPerSecond: Double? { Self.rate(fps) }

    private static func rate(_ fraction: String?) -> Double? {
        guard let parts = fraction?.split(separator: "/"), parts.count == 2,
              let n = Double(parts[0]), let d = Double(parts[1]) else { return nil }
        return n / d
    }

    public var description: String { file }
}
