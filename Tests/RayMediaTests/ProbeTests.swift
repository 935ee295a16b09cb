import RayCanvas
import RayKitTestSupport
import RayMedia
import Testing

@Suite("Probe")
struct ProbeTests {
    @Test("every field matches what the fixture script put in", arguments: Fixtures.videos)
    func probeMatchesManifest(_ spec: FixtureSpec) throws {
        let probe = try MediaProbe.probe(spec.path)
        let v = probe.video
        #expect(probe.container == spec.container)
        if let brand = spec.majorBrand { #expect(probe.majorBrand == brand) }
        #expect(v.codec == spec.videoCodec)
        #expect(v.profile == spec.profile)
        #expect(v.pixelFormat == spec.pixelFormat)
        #expect(v.bitDepth == spec.bitDepth)
        #expect(v.codedWidth == spec.codedWidth)
        #expect(v.codedHeight == spec.codedHeight)
        #expect(v.sampleAspectRatio == AspectRatio(spec.sarNum!, spec.sarDen!))
        #expect(v.rotation == spec.rotation)
        #expect(v.horizontalFlip == (spec.horizontalFlip ?? false))
        #expect(v.displayWidth == spec.displayWidth)
        #expect(v.displayHeight == spec.displayHeight)
        #expect(v.aspectRatio == AspectRatio(spec.displayWidth!, spec.displayHeight!))
        #expect(v.frameCount == spec.frameCount)
        #expect(!v.frameCountEstimated)
        #expect(v.keyframeCount == spec.keyframeCount)
        if let gop = spec.gop { #expect(v.longestGOP == gop) }
        #expect(v.variableFrameRate == (spec.variableFrameRate ?? false))
        #expect(v.fieldOrder.rawValue == (spec.fieldOrder ?? "progressive"))
        #expect(v.streamIndex == (spec.videoStreamIndex ?? 0))
        if let average = spec.averageFramesPerSecond {
            // Frames ÷ duration (Matroska rounds timestamps to the millisecond).
            let rate = try #require(v.averageFrameRate)
            #expect(abs(rate - average) < 0.02, "average \(rate) fps")
        }
        let duration = try #require(v.duration)
        // Matroska keeps milliseconds: its frame ends can be a tick off the script's exact times.
        let tick = spec.container == "matroska,webm" ? 0.0015 : 0.001
        #expect(abs(duration - spec.durationSeconds!) < tick, "video duration \(duration) s")
        if spec.variableFrameRate != true {
            let rate = try #require(v.averageFrameRate)
            #expect(abs(rate - spec.framesPerSecond!) < 0.01)
            #expect(v.baseFrameRateFraction == spec.fps)
        }
        #expect(v.color.primaries == spec.colorPrimaries)
        #expect(v.color.transfer == spec.colorTransfer)
        #expect(v.color.matrix == spec.colorMatrix)
        #expect(v.color.hdr.rawValue == spec.hdr)
        if let range = spec.colorRange { #expect(v.color.range == range) }
        #expect(v.color.contentLightLevel?.maxCLL == spec.maxCLL && v.color.contentLightLevel?.maxFALL == spec.maxFALL)
        #expect(v.color.masteringDisplay?.maxLuminance == spec.masteringMaxNits && v.color.masteringDisplay?.minLuminance == spec.masteringMinNits)
        if let start = spec.startTimeSeconds {
            #expect(abs(probe.startTime! - start) < 0.5)
        }
        if let audio = spec.audio {
            let stream = try #require(probe.audio.first)
            #expect(probe.audio.count == 1)
            #expect(stream.codec == audio.codec)
            #expect(stream.channels == audio.channels)
            #expect(stream.sampleRate == audio.sampleRate)
            // Measured from the packets in every container: codec priming and a last frame's padding aside, as made.
            let audioSeconds = spec.audioDurationSeconds ?? spec.durationSeconds!
            let seconds = try #require(stream.duration)
            #expect(abs(seconds - audioSeconds) < 0.05, "audio lasts as long as the script made it")
        } else {
            #expect(probe.audio.isEmpty)
        }
        #expect(probe.sizeBytes == Int64(try fileSize(spec.path)))
    }

    /// Issue #17: an audio stream's length is measured from its packets (first shown to the end of the last),
    /// where libavformat estimates it (MPEG-TS said 1.856 s) or has none (Matroska, WebM, AVI).
    /// AAC: 1024 priming samples + 2 s at 48 kHz = 95 frames of 1024 samples.
    static let aacTwoSeconds: Double = 95 * 1024 / 48000
    /// Opus: 312 samples of pre-skip + 1 s in 20 ms packets = 51 packets.
    static let opusOneSecond: Double = 51 * 0.02

    @Test("audio duration is the packets' span", arguments: [
        ("ts_offset.ts", aacTwoSeconds), ("bframes_h264.mkv", aacTwoSeconds),
        // PCM: exactly the samples made.
        ("pcm_nolayout.avi", 1.0), ("pcm_nolayout.mkv", 1.0),
        ("vp9_opus.webm", opusOneSecond),
    ] as [(String, Double)])
    func audioDurationFromPackets(_ file: String, _ expected: Double) throws {
        let audio = try #require(try MediaProbe.probe(Fixtures.path(file)).audio.first)
        // Matroska stores milliseconds.
        #expect(abs(try #require(audio.duration) - expected) <= 0.0015, "\(file): audio \(audio.duration ?? -1) s")
    }

    @Test("nearest Ray ratio and its error follow the display size")
    func nearestRatio() throws {
        let scope = try MediaProbe.probe(Fixtures.path("scope239.mp4")).video
        #expect(scope.nearestSupportedRatio == .cinema21x9)
        #expect(abs(scope.nearestRatioError - (2.39 / (21.0 / 9.0) - 1)) < 1e-9)
        let phone = try MediaProbe.probe(Fixtures.path("rotated90.mp4")).video
        #expect(phone.nearestSupportedRatio == .portrait9x16)
    }

    @Test("--fast takes the header's count and marks it estimated")
    func fastProbe() throws {
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let probe = try MediaProbe.probe(spec.path, exactFrameCount: false)
        #expect(probe.video.frameCountEstimated)
        #expect(probe.video.frameCount == spec.frameCount)
        #expect(probe.video.keyframeCount == nil)
    }

    @Test("the exact count honours the edit list; the header's packet count does not")
    func editListCount() throws {
        let spec = Fixtures.spec("editlist.mp4")
        let exact = try MediaProbe.probe(spec.path).video
        let fast = try MediaProbe.probe(spec.path, exactFrameCount: false).video
        #expect(exact.frameCount == spec.frameCount)
        #expect(fast.frameCount == spec.packetCount)
        #expect(spec.frameCount != spec.packetCount)
    }

    @Test("bad files fail with one line naming the file and the problem", arguments: Fixtures.bad)
    func badFile(_ spec: FixtureSpec) {
        for fast in [false, true] {
            let error = #expect(throws: MediaError.self) { try MediaProbe.probe(spec.path, exactFrameCount: !fast) }
            let expected: MediaError.Kind = switch spec.bad {
            case "empty": .emptyFile
            case "not media": .notMedia
            case "truncated": .truncated
            default: .noVideoStream
            }
            #expect(error?.kind == expected)
            let line = error?.errorDescription ?? ""
            #expect(line.hasPrefix(spec.path + ": "))
            #expect(!line.contains("\n"))
        }
    }

    @Test("a missing file is named")
    func missingFile() {
        let error = #expect(throws: MediaError.self) { try MediaProbe.probe("/nonexistent/clip.mp4") }
        #expect(error?.kind == .fileNotFound)
        #expect(error?.errorDescription == "/nonexistent/clip.mp4: no such file")
    }

    @Test("several files are probed together; a failure does not stop the others")
    func probeAll() async {
        let paths = [Fixtures.path("vfr.mp4"), Fixtures.path("empty.mp4"), Fixtures.path("scope239.mp4")]
        let results = await MediaProbe.probeAll(paths)
        #expect(results.count == 3)
        #expect((try? results[0].get())?.file == paths[0])
        #expect((try? results[1].get()) == nil)
        #expect((try? results[2].get())?.video.codedWidth == Fixtures.spec("scope239.mp4").codedWidth)
    }
}

private func fileSize(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
}

import Foundation
