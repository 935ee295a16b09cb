import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Issue #17: a PNG named `.mp4` is a still image, not a one-frame video: probe describes it and says so,
/// every reader of a video's frames refuses it.
@Suite("A still image is not a video")
struct StillImageInputTests {
    static let still = Fixtures.root.appendingPathComponent("fixtures/bad/still_png.mp4").path
    static let refusal = MediaError(.unsupported, file: still, "is a still image (png), not a video; Generate takes it as a startFrame")

    @Test("probe describes the picture and names it a still image")
    func probeSaysStill() throws {
        let probe = try MediaProbe.probe(Self.still)
        #expect(probe.stillImage == "png")
        #expect(probe.video.displayWidth == 320 && probe.video.displayHeight == 180)
        #expect(try MediaProbe.probe(Fixtures.path("range_tv_only.mp4")).stillImage == nil)
    }

    @Test("crop and stills refuse it, nothing written")
    func readersRefuse() throws {
        let out = TemporaryDirectory()
        let settings = CropSettings(window: CropRect(x: 70, y: 0, width: 180, height: 180), output: PixelSize(width: 180, height: 180))
        #expect(throws: Self.refusal) { try ClipCropper.crop(Self.still, to: out.file("crop.mp4"), settings) }
        #expect(throws: Self.refusal) { try StillExtractor.extract(from: Self.still, StillRequest(selectors: [.start]), into: out.file("stills")) }
        #expect(throws: Self.refusal) { try StillExtractor.timeline(of: Self.still) }
        #expect(out.contents.isEmpty)
    }

    @Test("the picture itself still loads as an image (a startFrame), stamp 0")
    func loadsAsImage() throws {
        let image = try RGBImage(contentsOf: Self.still)
        #expect(FrameStamp.read(image, cell: Double(Fixtures.spec("range_tv_only.mp4").stampCell!)) == 0)
    }
}
