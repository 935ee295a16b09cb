import Foundation
import RayKitTestSupport
import RayMedia
import Testing

/// The stream shapes of issue #9 beyond what every fixture is put through (ProbeTests, StillTests).
@Suite("Stream shapes")
struct StreamShapeTests {
    @Test("interlaced sources report their field order", arguments: ["interlaced_mpeg2.ts", "interlaced_h264.mp4"])
    func interlaced(_ file: String) throws {
        let video = try MediaProbe.probe(Fixtures.path(file)).video
        #expect(video.fieldOrder == .tff)
        #expect(try MediaProbe.probe(Fixtures.path("h264_bframes_aac.mp4")).video.fieldOrder == .progressive)
    }

    @Test("a cover picture is never the video; a file whose only picture is a cover has no video")
    func coverPicture() throws {
        let spec = Fixtures.spec("cover_art.mp4")
        let probe = try MediaProbe.probe(spec.path)
        #expect(probe.video.codec == "h264" && probe.video.codedWidth == spec.codedWidth)
        #expect(probe.videoStreams.map(\.index) == [probe.video.streamIndex], "the cover is not listed as a video stream")
        let audio = Fixtures.spec("audio_cover.m4a")
        let error = #expect(throws: MediaError.self) { try MediaProbe.probe(audio.path) }
        #expect(error?.kind == .noVideoStream)
        #expect(error?.errorDescription == "\(audio.path): no video stream (nothing to probe or extract frames from): its only picture is a cover image")
        let stills = #expect(throws: MediaError.self) {
            try StillExtractor.extract(from: audio.path, StillRequest(selectors: [.start]), into: TemporaryDirectory().path)
        }
        #expect(stills?.kind == .noVideoStream)
        // Asking for the cover by its index is refused too.
        let coverIndex = 2
        let asked = #expect(throws: MediaError.self) { try MediaProbe.probe(spec.path, stream: coverIndex) }
        #expect(asked?.kind == .notVideoStream)
        #expect(asked?.problem == "stream 2 is a cover picture, not a video stream (video streams: 0)")
    }

    @Test("two video streams: both listed, the default one described, the other one on request")
    func twoVideoStreams() throws {
        let spec = Fixtures.spec("two_video.mp4")
        let other = try #require(spec.otherVideoStream)
        let probe = try MediaProbe.probe(spec.path)
        #expect(probe.videoStreams.map(\.index) == [0, 1])
        #expect(probe.videoStreams.map(\.isDefault) == [false, true])
        #expect(probe.videoStreams.map(\.width) == [other.width, spec.codedWidth!])
        #expect(probe.videoStreams.map(\.selected) == [false, true])
        #expect(probe.video.streamIndex == 1 && probe.video.frameCount == spec.frameCount)

        let picked = try MediaProbe.probe(spec.path, stream: other.index)
        #expect(picked.video.streamIndex == other.index)
        #expect(picked.video.codedWidth == other.width && picked.video.codedHeight == other.height)
        #expect(picked.video.frameCount == other.frameCount)
        #expect(picked.videoStreams.map(\.selected) == [true, false])

        let out = TemporaryDirectory()
        var request = StillRequest(selectors: [.start, .index(13), .end])
        request.stream = other.index
        let stills = try StillExtractor.extract(from: spec.path, request, into: out.path)
        #expect(stills.map(\.frameIndex) == [0, 13, other.frameCount - 1])
        for still in stills {
            #expect(still.width == other.width && still.height == other.height)
            #expect(try FrameStamp.read(file: still.file, cell: Double(other.stampCell)) == still.frameIndex)
        }
        for (bad, words) in [(7, "stream 7 is missing (the file has 2 streams), not a video stream (video streams: 0, 1)")] {
            let error = #expect(throws: MediaError.self) { try MediaProbe.probe(spec.path, stream: bad) }
            #expect(error?.kind == .notVideoStream && error?.problem == words)
        }
        let audio = #expect(throws: MediaError.self) { try MediaProbe.probe(Fixtures.path("h264_bframes_aac.mp4"), stream: 1) }
        #expect(audio?.problem == "stream 1 is audio, not a video stream (video streams: 0)")
    }

    @Test("an AVI with one missing frame slot is variable frame rate; its average comes from its frames")
    func aviGap() throws {
        let spec = Fixtures.spec("vfr_gap.avi")
        let video = try MediaProbe.probe(spec.path).video
        #expect(video.variableFrameRate == true)
        #expect(video.frameCount == 25)
        #expect(abs(video.duration! - 1.04) < 1e-9)
        #expect(abs(video.averageFrameRate! - 25 / 1.04) < 1e-9)
        // Frame 12 starts 80 ms after frame 11 (0.44 s): at 0.50 s, inside the gap, frame 11 is still on screen.
        let out = TemporaryDirectory()
        let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.time(0.50), .time(0.52)]), into: out.path)
        #expect(stills.map(\.frameIndex) == [11, 12])
        for still in stills { #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex) }
    }

    @Test("a variable-rate Matroska file averages its frames, not the header's 29.97")
    func matroskaAverage() throws {
        let video = try MediaProbe.probe(Fixtures.path("vfr.mkv")).video
        #expect(video.variableFrameRate == true)
        #expect(video.baseFrameRateFraction == "30000/1001")
        #expect(abs(video.averageFrameRate! - 26000.0 / 1001) < 0.02)
    }

    @Test("after a mid-stream size change a still is at its own size with its own stamp, cold or not")
    func sizeChange() throws {
        let spec = Fixtures.spec("size_change.ts")
        let change = try #require(spec.sizeChange)
        let out = TemporaryDirectory()
        for selectors in [[FrameSelector.index(change.frame + 5)], [.index(change.frame - 1), .index(change.frame), .end]] {
            let stills = try StillExtractor.extract(from: spec.path, StillRequest(selectors: selectors, overwrite: true), into: out.path)
            for still in stills {
                let size = spec.displaySize(frame: still.frameIndex)
                let image = try RGBImage(contentsOf: still.file)
                #expect(image.width == size.width && image.height == size.height, "frame \(still.frameIndex)")
                #expect(FrameStamp.read(image, cell: Double(spec.stampCell(frame: still.frameIndex))) == still.frameIndex)
            }
        }
    }
}
