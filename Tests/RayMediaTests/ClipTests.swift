import Foundation
import RayKitTestSupport
import RayMedia
import Testing

@Suite("one clip, one scan")
struct ClipTests {
    @Test("a Clip works out its probe and frame index once: both outlive the file once read")
    func scannedOnce() throws {
        let folder = TemporaryDirectory()
        let path = folder.file("clip.mp4")
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_bframes_aac.mp4"), toPath: path)
        let clip = Clip(path)
        let probe = try clip.probe()
        try FileManager.default.removeItem(atPath: path)
        #expect(try clip.probe() == probe)
        let timeline = try clip.timeline()
        #expect(timeline.frameStarts.count == probe.video.frameCount)
        #expect(abs(timeline.duration - (probe.video.duration ?? 0)) < 1e-9)
    }

    @Test("stills from a Clip reuse its index and read the stamped frames", arguments: ["editlist.mp4", "ts_midgop.ts", "raw.h264"])
    func stillsFromClip(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let clip = Clip(spec.path)
        let count = try clip.probe().video.frameCount
        let out = TemporaryDirectory()
        let stills = try StillExtractor.extract(from: clip, StillRequest(selectors: [.start, .index(count / 2), .end]), into: out.path)
        for still in stills {
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex)
        }
    }
}
