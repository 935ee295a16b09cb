import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

/// Issue #9: audio in a crop is kept as `ffmpeg -c:a copy` keeps it, and re-encoded where MP4 cannot carry it.
@Suite("Crop keeps the audio")
struct CropAudioTests {
    /// Crops a fixture to its centred square, without scaling.
    static func cropSquare(_ spec: FixtureSpec, into out: TemporaryDirectory) throws -> String {
        let side = min(spec.displayWidth!, spec.displayHeight!) / 2 * 2
        let window = CropRect(x: (spec.displayWidth! - side) / 2 / 2 * 2, y: (spec.displayHeight! - side) / 2 / 2 * 2, width: side, height: side)
        let path = out.file("square.mp4")
        _ = try ClipCropper.crop(spec.path, to: path, CropSettings(window: window, output: PixelSize(width: side, height: side),
                                                                   encode: EncodeOptions(preset: "ultrafast")))
        return path
    }

    /// The stamps of every 5th frame and the last, read from the file, against their positions.
    static func expectStampsInOrder(_ path: String, cell: Int, out: TemporaryDirectory) throws {
        let stills = try StillExtractor.extract(from: path, StillRequest(selectors: [.every(5), .end]), into: out.file("stills"))
        #expect(try stills.map { try FrameStamp.read(file: $0.file, cell: Double(cell)) } == stills.map(\.frameIndex))
    }

    @Test("PCM in a MOV (ProRes, timecode track) comes out as AAC of the same length, frames in order")
    func pcmBecomesAAC() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("prores_pcm.mov")
        let path = try Self.cropSquare(spec, into: out)
        let probe = try MediaProbe.probe(path)
        #expect(probe.video.frameCount == spec.frameCount)
        let audio = try #require(probe.audio.first)
        #expect(probe.audio.count == 1)
        #expect(audio.codec == "aac" && audio.channels == spec.audio!.channels && audio.sampleRate == spec.audio!.sampleRate)
        let aacFrame = 1024.0 / Double(spec.audio!.sampleRate)
        #expect(abs(audio.duration! - spec.durationSeconds!) <= aacFrame, "audio \(audio.duration!) s")
        try Self.expectStampsInOrder(path, cell: spec.stampCell!, out: out)
    }

    @Test("PCM whose container names no channel layout (AVI, Matroska) is re-encoded with the default one",
          arguments: ["pcm_nolayout.avi", "pcm_nolayout.mkv"])
    func pcmWithoutLayout(_ file: String) throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec(file)
        let path = try Self.cropSquare(spec, into: out)
        let probe = try MediaProbe.probe(path)
        #expect(probe.video.frameCount == spec.frameCount)
        let audio = try #require(probe.audio.first)
        #expect(audio.codec == "aac" && audio.channels == spec.audio!.channels && audio.sampleRate == spec.audio!.sampleRate)
        #expect(abs(audio.duration! - spec.durationSeconds!) <= 1024.0 / Double(spec.audio!.sampleRate), "audio \(audio.duration!) s")
        try Self.expectStampsInOrder(path, cell: spec.stampCell!, out: out)
    }

    @Test("audio before a late first frame is kept, in sync: every packet, the same gap to the video")
    func audioBeforeVideoKept() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("late_video.mp4")
        let path = try Self.cropSquare(spec, into: out)
        let before = try StoredPackets.read(spec.path, .audio), after = try StoredPackets.read(path, .audio)
        #expect(after.count == before.count)
        #expect(after.map(\.data) == before.map(\.data), "copied, not re-encoded")
        let audio = try #require(try MediaProbe.probe(path).audio.first)
        #expect(abs(audio.duration! - spec.audioDurationSeconds!) < 0.001, "audio \(audio.duration!) s")
        // A/V sync: the first frame starts as long after the first audio packet as in the source.
        func gap(_ file: String, _ audio: [StoredPacket]) throws -> Double {
            let videoStart = try StoredPackets.read(file, .video).compactMap(\.presentationTime).min()!
            return videoStart - audio[0].presentationTime!
        }
        let sourceGap = try gap(spec.path, before)
        #expect(abs(try gap(path, after) - sourceGap) < 0.001)
        let expectedGap: Double = spec.videoStartSeconds! + 1024.0 / 48000
        #expect(abs(sourceGap - expectedGap) < 0.001, "the source's gap is the 0.5 s offset plus AAC priming")
        #expect(try MediaProbe.probe(path).video.frameCount == spec.frameCount)
        try Self.expectStampsInOrder(path, cell: spec.stampCell!, out: out)
    }

    @Test("the AAC priming packet is kept: same packets, same total duration as the source")
    func primingKept() throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let path = try Self.cropSquare(spec, into: out)
        let before = try StoredPackets.read(spec.path, .audio), after = try StoredPackets.read(path, .audio)
        #expect(after.count == before.count)
        #expect(after.map(\.data) == before.map(\.data))
        let total: ([StoredPacket]) -> Double = { $0.map(\.duration).reduce(0, +) }
        #expect(abs(total(after) - total(before)) < 1e-9)
        #expect(after.first?.presentationTime.map { $0 < 0 } == true, "the priming packet comes before 0")
        let source = try #require(try MediaProbe.probe(spec.path).audio.first), cropped = try #require(try MediaProbe.probe(path).audio.first)
        #expect(abs(cropped.duration! - source.duration!) < 1e-6)
    }
}
