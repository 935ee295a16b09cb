import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Crops and trims start exactly at the frame asked for, whatever the stream's shape, proven from the stamps.
@Suite("crop spans, frame-exact")
struct CropSpanTests {
    /// The whole display picture (even sides), as `--fix` crops it.
    func settings(_ spec: FixtureSpec, trim: ClosedRange<Double>) -> CropSettings {
        let (w, h) = (spec.displayWidth! / 2 * 2, spec.displayHeight! / 2 * 2)
        return CropSettings(window: CropRect(x: 0, y: 0, width: w, height: h), output: PixelSize(width: w, height: h),
                            encode: EncodeOptions(preset: "ultrafast"), trim: trim)
    }

    @Test("a trim starting on a frame that is not a keyframe starts there, on TS, Matroska, open GOP, edit lists and raw streams",
          arguments: ["ts_offset.ts", "anamorphic.mkv", "hevc10_hlg_opengop.mp4", "editlist.mp4", "h264_bframes_aac.mp4", "raw.h264",
                      "ts_midgop.ts", "vfr.mkv"])
    func trimStart(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let starts = try Clip(spec.path).timeline().frameStarts
        let first = 7, last = 19
        let trim = starts[first]...(starts[last + 1] - 0.0001)
        let out = TemporaryDirectory()
        let written = try ClipCropper.crop(spec.path, to: out.file("t.mp4"), settings(spec, trim: trim))
        #expect(written.frames == last - first + 1)
        let stills = try StillExtractor.extract(from: out.file("t.mp4"), StillRequest(selectors: [.start, .end]), into: out.file("s"))
        let scale = Double(stills[0].height) / Double(spec.displayHeight!)
        #expect(try FrameStamp.read(file: stills[0].file, cell: Double(spec.stampCell!) * scale) == first)
        #expect(try FrameStamp.read(file: stills[1].file, cell: Double(spec.stampCell!) * scale) == last)
    }

    @Test("an interlaced H.264 crop without vertical scaling stays interlaced with its field order; a scaled one is progressive")
    func fieldOrder() throws {
        let spec = Fixtures.spec("interlaced_h264.mp4")
        let out = TemporaryDirectory()
        let (w, h) = (spec.displayWidth!, spec.displayHeight!)
        let cropOnly = CropSettings(window: CropRect(x: w / 8 * 2, y: 0, width: w / 2, height: h), output: PixelSize(width: w / 2, height: h),
                                    encode: EncodeOptions(codec: .h264, preset: "ultrafast"))
        _ = try ClipCropper.crop(spec.path, to: out.file("i.mp4"), cropOnly)
        #expect(try MediaProbe.probe(out.file("i.mp4")).video.fieldOrder == .tff)
        let scaled = CropSettings(window: CropRect(x: 0, y: 0, width: w, height: h), output: PixelSize(width: w / 2, height: h / 2),
                                  encode: EncodeOptions(codec: .h264, preset: "ultrafast"))
        _ = try ClipCropper.crop(spec.path, to: out.file("p.mp4"), scaled)
        #expect(try MediaProbe.probe(out.file("p.mp4")).video.fieldOrder == .progressive)
        let stills = try StillExtractor.extract(from: out.file("i.mp4"), StillRequest(selectors: [.index(10)]), into: out.file("s"))
        #expect(try FrameStamp.read(file: stills[0].file, cell: Double(spec.stampCell!)) == 10)
    }
}
