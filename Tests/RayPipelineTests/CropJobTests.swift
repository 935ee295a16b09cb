import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import RayPipeline
import Testing

@Suite("Crop to any ratio")
struct CropJobTests {
    static let ratios = ["2.39:1", "4:5", "9:16"]
    /// Every video fixture but the one whose picture size changes mid-stream (tested on its own below).
    static let cases: [(FixtureSpec, String)] = Fixtures.videos.filter { $0.file != "size_change.ts" }.flatMap { spec in ratios.map { (spec, $0) } }

    @Test("size, frame count, duration, audio, colour and the stamps in order survive the crop", arguments: cases)
    func crop(_ spec: FixtureSpec, _ ratioText: String) throws {
        try checkCrop(spec, ratioText)
    }

    @Test("a picture size that changes mid-stream is refused with the frame where it changes, never squashed", arguments: ratios)
    func sizeChange(_ ratioText: String) throws {
        let out = TemporaryDirectory()
        let error = #expect(throws: MediaError.self) {
            try CropJob.run(Fixtures.path("size_change.ts"), to: out.file("c.mp4"), target: .ratio(AspectRatio(parsing: ratioText)!))
        }
        #expect(error?.problem.contains("changes at frame 15") == true, "\(String(describing: error))")
        #expect(out.contents.isEmpty, "no partial file")
    }

    private func checkCrop(_ spec: FixtureSpec, _ ratioText: String) throws {
        let out = TemporaryDirectory()
        let ratio = try #require(AspectRatio(parsing: ratioText))
        let path = out.file("crop.mp4")
        let result = try CropJob.run(spec.path, to: path, target: .ratio(ratio), encode: EncodeOptions(preset: "ultrafast"))
        let probe = try MediaProbe.probe(path)
        let v = probe.video
        let (w, h) = (spec.displayWidth!, spec.displayHeight!)

        // The largest even window of the ratio: one side is the source's (rounded down to even),
        // the other within the even rounding of the exact ratio.
        #expect(v.displayWidth == result.plan.window.width && v.displayHeight == result.plan.window.height)
        #expect(v.displayWidth == w / 2 * 2 || v.displayHeight == h / 2 * 2)
        #expect(v.displayWidth <= w && v.displayHeight <= h)
        #expect(abs(Double(v.displayWidth) - Double(v.displayHeight) * ratio.value) <= 2 * max(1, ratio.value))
        #expect(v.rotation == 0 && v.sampleAspectRatio == AspectRatio(1, 1), "output is upright with square pixels")

        #expect(v.frameCount == spec.frameCount, "no frame dropped or added")
        #expect(abs(v.duration! - spec.durationSeconds!) < 1.5 / (spec.framesPerSecond ?? 30))
        #expect(v.variableFrameRate == (spec.variableFrameRate ?? false))
        #expect(probe.audio.count == (spec.audio == nil ? 0 : 1))
        if let audio = spec.audio, let written = probe.audio.first {
            // MP4 cannot carry PCM: it is re-encoded to AAC; everything else is copied. MP4 has one object type
            // for MPEG-1 audio, which libavformat reads back as mp3 whatever the layer (as after `ffmpeg -c:a copy`).
            let codec = audio.codec.hasPrefix("pcm_") ? "aac" : audio.codec == "mp2" ? "mp3" : audio.codec
            #expect(written.codec == codec && written.channels == audio.channels && written.sampleRate == audio.sampleRate)
        }
        #expect(v.color.hdr.rawValue == spec.hdr)
        if spec.hdr != "sdr" {
            #expect(v.codec == "hevc" && v.bitDepth == 10)
            #expect(v.color.primaries == spec.colorPrimaries && v.color.transfer == spec.colorTransfer && v.color.matrix == spec.colorMatrix)
        } else {
            #expect(v.codec == "h264")
        }

        // The centred window keeps the stamp: read it back from frames of the output, in order.
        let stills = try StillExtractor.extract(from: path, StillRequest(selectors: [.every(7), .end]), into: out.file("stills"))
        let cell = Double(spec.stampCell!)
        #expect(try stills.map { try FrameStamp.read(file: $0.file, cell: cell) } == stills.map(\.frameIndex))
    }

    @Test("anchors move the window; scaling delivers the exact size")
    func anchorsAndScale() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("scope239.mp4")
        let left = try CropJob.run(spec.path, to: out.file("left.mp4"), target: .ratio(AspectRatio(1, 1)), anchor: .left,
                                   encode: EncodeOptions(preset: "ultrafast"))
        #expect(left.plan.window.x == 0)
        let right = try CropJob.plan(for: try MediaProbe.probe(spec.path), target: .ratio(AspectRatio(1, 1)), anchor: .right, scale: .none)
        #expect(right.window.x + right.window.width == spec.displayWidth! / 2 * 2)
        let scaled = try CropJob.run(spec.path, to: out.file("scaled.mp4"), target: .size(PixelSize(width: 320, height: 400)),
                                     encode: EncodeOptions(preset: "ultrafast"))
        let probe = try MediaProbe.probe(scaled.output.file)
        #expect(probe.video.displayWidth == 320 && probe.video.displayHeight == 400)
        #expect(probe.video.frameCount == spec.frameCount)
        // Scaled by 400/400 = 1 in height: the stamp cell keeps its size, centred.
        #expect(try FrameStamp.read(file: try #require(StillExtractor.extract(from: scaled.output.file, StillRequest(selectors: [.index(17)]),
                                                                                into: out.file("s")).first).file,
                                    cell: Double(spec.stampCell!) * 400.0 / Double(spec.displayHeight!)) == 17)
    }

    @Test("the input is never overwritten; an existing output only with overwrite; failures leave nothing")
    func outputs() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("vfr.mp4")
        let copy = out.file("in.mp4")
        try FileManager.default.copyItem(atPath: spec.path, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let same = #expect(throws: MediaError.self) {
            try CropJob.run(copy, to: copy, target: .ratio(AspectRatio(1, 1)), overwrite: true)
        }
        #expect(same?.errorDescription?.contains("is the input clip") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)

        try Data("old".utf8).write(to: URL(fileURLWithPath: out.file("out.mp4")))
        let exists = #expect(throws: MediaError.self) {
            try CropJob.run(copy, to: out.file("out.mp4"), target: .ratio(AspectRatio(1, 1)))
        }
        #expect(exists?.kind == .outputExists)

        let cancelled = #expect(throws: MediaError.self) {
            try CropJob.run(copy, to: out.file("cancelled.mp4"), target: .ratio(AspectRatio(1, 1)), isCancelled: { true })
        }
        #expect(cancelled?.kind == .cancelled)
        let bad = #expect(throws: MediaError.self) {
            try CropJob.run(Fixtures.path("truncated.mp4"), to: out.file("bad.mp4"), target: .ratio(AspectRatio(1, 1)))
        }
        #expect(bad != nil)
        #expect(out.contents == ["in.mp4", "out.mp4"], "no partial or temporary files")
    }
}
