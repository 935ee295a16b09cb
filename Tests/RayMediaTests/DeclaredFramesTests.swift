import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Issue #17: a file holding fewer frames than its header lists is an error, as a cut tail is, not a shorter clip.
@Suite("Frames the header lists")
struct DeclaredFramesTests {
    static let corrupt = Fixtures.root.appendingPathComponent("fixtures/bad/stsz_absurd.mp4").path

    @Test("an absurd sample size (the 5th of 30) ends the index after 4: probe and crop refuse it, no file written")
    func absurdSampleSizeRefused() throws {
        let expected = MediaError(.truncated, file: Self.corrupt, "corrupt: the header lists 30 video frames but only 4 can be read")
        #expect(throws: expected) { try MediaProbe.probe(Self.corrupt) }
        let out = TemporaryDirectory()
        let settings = CropSettings(window: CropRect(x: 70, y: 0, width: 180, height: 180), output: PixelSize(width: 180, height: 180))
        #expect(throws: expected) { try ClipCropper.crop(Self.corrupt, to: out.file("crop.mp4"), settings) }
        #expect(out.contents.isEmpty)
    }

    @Test("the source it was patched from reads whole: 30 frames")
    func sourceIsWhole() throws {
        #expect(try MediaProbe.probe(Fixtures.path("range_tv_only.mp4")).video.frameCount == 30)
    }
}
