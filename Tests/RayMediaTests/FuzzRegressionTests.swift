import Foundation
import RayCanvas
import RayKitTestSupport
@_spi(Fuzzing) import RayMedia
import Testing

/// Media inputs the fuzzer (`make fuzz`) found, kept in fixtures/fuzz/: what RayKit must do with them.
@Suite("fuzz findings: media")
struct MediaFuzzRegressionTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: Fixtures.root.appendingPathComponent("fixtures/fuzz/\(name)")))
    }

    @Test("a WebM whose MP4 trailer cannot be written: the crop fails naming the output, and leaves nothing")
    func cropTrailerFails() throws {
        // FuzzCrop's crop: the middle half, 64x64, the first four frames.
        let name = "crop-mp4-trailer-fails.webm"
        let clip = Clip(bytes: try Self.bytes(name), name: name)
        let probe = try clip.probe()
        #expect(probe.video.codec == "vp9")
        let starts = try clip.timeline().frameStarts
        let (w, h) = (probe.video.displayWidth, probe.video.displayHeight)
        let settings = CropSettings(window: CropRect(x: w / 4 / 2 * 2, y: h / 4 / 2 * 2, width: w / 2 / 2 * 2, height: h / 2 / 2 * 2),
                                    output: PixelSize(width: 64, height: 64), encode: EncodeOptions(preset: "ultrafast", threads: 1),
                                    trim: 0...starts[4])
        let out = TemporaryDirectory()
        let output = out.file("crop.mp4")
        do {
            _ = try ClipCropper.crop(clip, to: output, settings)
            Issue.record("the crop was written")
        } catch {
            #expect(error.file == output)
            #expect(error.problem.contains("finishing the file"), "\(error.problem)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test("MP4s whose headers declare millions of frames in a few kB: refused as corrupt from disk and from memory, in seconds",
          arguments: [("mp4-declares-84m-frames.mp4", 83_886_080, 3709), ("mp4-declares-2.6m-frames-slow-open.mp4", 2_621_470, 2278)])
    func impossibleFrameCount(name: String, declared: Int, bytes: Int) throws {
        let started = threadCPUSeconds()
        for clip in [Clip(Fixtures.path("fuzz/\(name)")), Clip(bytes: try Self.bytes(name), name: name)] {
            do {
                _ = try clip.probe()
                Issue.record("probed")
            } catch {
                #expect(error.kind == .truncated)
                #expect(error.problem == "corrupt header: stream 0 declares \(declared) frames in a file of \(bytes) bytes")
            }
        }
        // libavformat itself builds the index while opening (the ffprobe program does the same: 2.3 s and 0.4 s);
        // RayKit must add no walk over it, no second copy. CPU time of this thread: the tests beside it take turns on the cores.
        #expect(threadCPUSeconds() - started < 30)
    }

    @Test("an MP4 whose pixel shape 175:12636 squeezes 32 pixels to none: shown as square pixels, as decoders do, not a trap")
    func corruptPixelShape() throws {
        let name = "mp4-sar-175-12636.mp4"
        for clip in [Clip(Fixtures.path("fuzz/\(name)")), Clip(bytes: try Self.bytes(name), name: name)] {
            let probe = try clip.probe()
            #expect((probe.video.displayWidth, probe.video.displayHeight) == (32, 16))
            let still = try StillExtractor.image(from: clip, at: .middle, size: .maxSide(256))
            #expect((still.image.width, still.image.height) == (32, 16))
            #expect(still.frameIndex == 3)
        }
    }
}
