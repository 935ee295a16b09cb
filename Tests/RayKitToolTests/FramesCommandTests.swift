import Foundation
import RayKitTestSupport
import Testing

@Suite("raykit frames / keyframes")
struct FramesCommandTests {
    @Test("frames writes one named still per selected frame")
    func frames() async throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("anamorphic.mkv")
        let run = try await RayKitCLI.run(["frames", spec.path, "--at", "start,24,end", "--out", out.path, "--format", "jpeg", "--quality", "85"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(out.contents == ["frame_000000.jpg", "frame_000024.jpg", "frame_000049.jpg"])
        #expect(try FrameStamp.read(file: out.file("frame_000024.jpg"), cell: Double(spec.stampCell!)) == 24)
    }

    @Test("a bad selector is one line naming it, exit 1, nothing written")
    func badSelector() async throws {
        let out = TemporaryDirectory()
        let run = try await RayKitCLI.run(["frames", Fixtures.path("vfr.mp4"), "--at", "3,x", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr == "raykit: --at: 'x' is not a frame selector (use N, -N, start, middle, end, @SECONDSs or every:N)\n")
        #expect(out.contents.isEmpty)
    }

    @Test("an out-of-range frame names the clip and its frame range")
    func outOfRange() async throws {
        let out = TemporaryDirectory()
        let path = Fixtures.path("vfr.mp4")
        let run = try await RayKitCLI.run(["frames", path, "--at", "60", "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr == "raykit: \(path): frame 60 is outside the clip (frames 0…59)\n")
    }

    @Test("keyframes --json reports the keyframes and writes keyframes.json and the sheet")
    func keyframes() async throws {
        let out = TemporaryDirectory()
        let run = try await RayKitCLI.run(["keyframes", Fixtures.path("editlist.mp4"), "--at", "0,14,15,44", "--out", out.path,
                                     "--sheet", out.file("sheet.png"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let keyframes = try #require(object["keyframes"] as? [[String: Any]])
        #expect(keyframes.compactMap { $0["keyframeIndex"] as? Int } == [0, 14, 15, 44])
        #expect(out.contents.contains("keyframes.json") && out.contents.contains("sheet.png"))
    }
}
