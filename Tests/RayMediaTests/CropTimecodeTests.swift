import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Issue #17: a crop keeps the source's timecode track (ProRes/QuickTime `tmcd`), at the first frame it keeps.
@Suite("Crop keeps the timecode")
struct CropTimecodeTests {
    static let spec = Fixtures.spec("prores_pcm.mov")

    static func crop(trim: ClosedRange<Double>? = nil, into out: TemporaryDirectory) throws -> CropOutput {
        let settings = CropSettings(window: CropRect(x: 70, y: 0, width: 180, height: 180), output: PixelSize(width: 180, height: 180),
                                    encode: EncodeOptions(preset: "ultrafast"), trim: trim)
        return try ClipCropper.crop(spec.path, to: out.file("crop.mp4"), settings)
    }

    @Test("probe reads the timecode the script wrote; a file without one has none")
    func probeReadsTimecode() throws {
        #expect(try MediaProbe.probe(Self.spec.path).timecode == Self.spec.timecode)
        #expect(try MediaProbe.probe(Fixtures.path("h264_bframes_aac.mp4")).timecode == nil)
    }

    @Test("a whole crop starts at the source's timecode")
    func wholeCrop() throws {
        let out = TemporaryDirectory()
        let result = try Self.crop(into: out)
        #expect(result.timecode == Self.spec.timecode && result.notes.isEmpty)
        #expect(try MediaProbe.probe(result.file).timecode == Self.spec.timecode)
    }

    @Test("a crop from 0.5 s starts 12 frames (at 24 fps) later, on the frame stamped 12")
    func trimmedCrop() throws {
        let out = TemporaryDirectory()
        let result = try Self.crop(trim: 0.5...1.0, into: out)
        #expect(result.timecode == "01:00:00:12")
        #expect(try MediaProbe.probe(result.file).timecode == "01:00:00:12")
        let first = try #require(try StillExtractor.extract(from: result.file, StillRequest(selectors: [.start]), into: out.file("s")).first)
        #expect(try FrameStamp.read(file: first.file, cell: Double(Self.spec.stampCell!)) == 12)
    }
}
