import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// The finish step: a Ray result (MP4 without audio) gets its source's sound back.
@Suite("Soundtrack restore")
struct SoundtrackTests {
    static let result = Fixtures.spec("reframe_result_9x16.mp4")

    /// Seconds in one AAC frame at `rate` Hz.
    static func aacFrame(_ rate: Int) -> Double { 1024 / Double(rate) }

    /// Whether the MP4's index (`moov`) comes before its media data (`mdat`).
    static func indexFirst(_ path: String) throws -> Bool {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func offset(_ box: String) -> Int? {
            let tag = Array(box.utf8)
            return (0...(bytes.count - 4)).first { bytes[$0..<$0 + 4].elementsEqual(tag) }
        }
        guard let moov = offset("moov"), let mdat = offset("mdat") else { return false }
        return moov < mdat
    }

    @Test("the Reframe result's video untouched, its source's AAC copied for the same 3 s, index first")
    func restoresAAC() throws {
        let out = TemporaryDirectory()
        let source = Fixtures.spec(Self.result.reframeOf!)
        let path = out.file("final.mp4")
        let written = try Soundtrack.restore(video: Self.result.path, audioFrom: source.path, to: path)

        let videoBefore = try StoredPackets.read(Self.result.path, .video), videoAfter = try StoredPackets.read(path, .video)
        #expect(videoAfter.count == Self.result.frameCount)
        #expect(videoAfter.map(\.data) == videoBefore.map(\.data), "video packets byte for byte")
        #expect(videoAfter.map(\.presentationTime) == videoBefore.map(\.presentationTime))

        let probe = try MediaProbe.probe(path)
        #expect(probe.video.frameCount == Self.result.frameCount && probe.video.displayWidth == Self.result.displayWidth)
        #expect(probe.audio.count == 1)
        let audio = try #require(probe.audio.first)
        #expect(audio.codec == "aac" && audio.channels == source.audio!.channels && audio.sampleRate == source.audio!.sampleRate)
        #expect(abs(audio.duration! - Self.result.durationSeconds!) <= Self.aacFrame(audio.sampleRate), "audio \(audio.duration!) s")
        let audioBefore = try StoredPackets.read(source.path, .audio), audioAfter = try StoredPackets.read(path, .audio)
        #expect(audioAfter.map(\.data) == audioBefore.map(\.data), "copied, priming packet included")
        #expect(try Self.indexFirst(path), "+faststart")
        #expect(written.audioStreams == 1 && !written.transcoded && written.videoFrames == Self.result.frameCount)
        #expect(out.contents == ["final.mp4"])
    }

    @Test("audio is cut where the result's last frame ends")
    func cutAtVideoEnd() throws {
        let out = TemporaryDirectory()
        let long = Fixtures.spec("long35s.mp4")
        _ = try Soundtrack.restore(video: Self.result.path, audioFrom: long.path, to: out.file("final.mp4"))
        let audio = try #require(try MediaProbe.probe(out.file("final.mp4")).audio.first)
        #expect(abs(audio.duration! - Self.result.durationSeconds!) <= Self.aacFrame(audio.sampleRate), "audio \(audio.duration!) s")
    }

    @Test("audio times count from the source's first frame: audio before a late first frame is left out")
    func relativeToFirstFrame() throws {
        let out = TemporaryDirectory()
        let late = Fixtures.spec("late_video.mp4")
        _ = try Soundtrack.restore(video: Self.result.path, audioFrom: late.path, to: out.file("final.mp4"))
        let audio = try #require(try MediaProbe.probe(out.file("final.mp4")).audio.first)
        let expected = late.audioDurationSeconds! - late.videoStartSeconds!
        #expect(abs(audio.duration! - expected) <= Self.aacFrame(audio.sampleRate), "audio \(audio.duration!) s")
    }

    @Test("PCM is re-encoded to AAC of the same length")
    func pcmBecomesAAC() throws {
        let out = TemporaryDirectory()
        let source = Fixtures.spec("prores_pcm.mov")
        // A stand-in result of the ProRes clip: its centred square as H.264 (its own audio is ignored).
        let square = out.file("square.mp4")
        _ = try ClipCropper.crop(source.path, to: square, CropSettings(window: CropRect(x: 70, y: 0, width: 180, height: 180),
                                                                       output: PixelSize(width: 180, height: 180),
                                                                       encode: EncodeOptions(preset: "ultrafast")))
        let written = try Soundtrack.restore(video: square, audioFrom: source.path, to: out.file("final.mp4"))
        #expect(written.transcoded)
        let probe = try MediaProbe.probe(out.file("final.mp4"))
        #expect(probe.audio.count == 1)
        let audio = try #require(probe.audio.first)
        #expect(audio.codec == "aac" && audio.channels == 2 && audio.sampleRate == source.audio!.sampleRate)
        #expect(abs(audio.duration! - source.durationSeconds!) <= Self.aacFrame(audio.sampleRate), "audio \(audio.duration!) s")
        #expect(try StoredPackets.read(out.file("final.mp4"), .video).map(\.data) == StoredPackets.read(square, .video).map(\.data))
    }

    @Test("a source without audio: the video alone, and the result says so")
    func noAudio() throws {
        let out = TemporaryDirectory()
        let written = try Soundtrack.restore(video: Self.result.path, audioFrom: Fixtures.path("scope239.mp4"), to: out.file("final.mp4"))
        #expect(!written.hasAudio && written.audioDuration == 0)
        let probe = try MediaProbe.probe(out.file("final.mp4"))
        #expect(probe.audio.isEmpty && probe.video.frameCount == Self.result.frameCount)
    }

    @Test("never over an input or an existing file unless asked; failures leave nothing")
    func outputs() throws {
        let out = TemporaryDirectory()
        let video = out.file("result.mp4"), source = out.file("source.mp4")
        try FileManager.default.copyItem(atPath: Self.result.path, toPath: video)
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_bframes_aac.mp4"), toPath: source)
        for input in [video, source] {
            let error = #expect(throws: MediaError.self) { try Soundtrack.restore(video: video, audioFrom: source, to: input, overwrite: true) }
            #expect(error?.kind == .invalidRequest)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: video)) == Data(contentsOf: URL(fileURLWithPath: Self.result.path)))

        try Data("old".utf8).write(to: URL(fileURLWithPath: out.file("final.mp4")))
        let exists = #expect(throws: MediaError.self) { try Soundtrack.restore(video: video, audioFrom: source, to: out.file("final.mp4")) }
        #expect(exists?.kind == .outputExists)
        #expect(exists?.errorDescription?.contains("--") == false, "a library error names no command-line flag")
        _ = try Soundtrack.restore(video: video, audioFrom: source, to: out.file("final.mp4"), overwrite: true)
        #expect(try MediaProbe.probe(out.file("final.mp4")).audio.count == 1)

        let bad = #expect(throws: MediaError.self) {
            try Soundtrack.restore(video: Fixtures.path("truncated.mp4"), audioFrom: source, to: out.file("bad.mp4"))
        }
        #expect(bad?.file == Fixtures.path("truncated.mp4"))
        #expect(out.contents == ["final.mp4", "result.mp4", "source.mp4"], "no partial or temporary files")
    }
}
