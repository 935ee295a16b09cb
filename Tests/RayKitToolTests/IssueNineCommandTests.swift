import Foundation
import RayKitTestSupport
import Testing

/// The command-line defects of issue #9, run the way a user runs them.
@Suite("raykit: issue #9 command line")
struct IssueNineCommandTests {
    @Test("--at -1 (space-separated) names the last frame", arguments: [["--at", "-1"], ["--at", "-2,-1"], ["--at=-1"]])
    func negativeSelector(_ at: [String]) async throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let run = try await RayKitCLI.run(["frames", spec.path] + at + ["--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let last = spec.frameCount! - 1
        #expect(out.contents.last == "frame_0000\(last).png")
        #expect(try FrameStamp.read(file: out.file("frame_0000\(last).png"), cell: Double(spec.stampCell!)) == last)
    }

    @Test("frames --at 0,N,end on a program stream, a raw stream and a TS cut mid-GOP gives the stamped frames",
          arguments: ["program_stream.mpg", "raw.h264", "ts_midgop.ts"])
    func framesOnOddInputs(_ file: String) async throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec(file)
        let run = try await RayKitCLI.run(["frames", spec.path, "--at", "0,17,end", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let last = spec.frameCount! - 1
        for (name, frame) in [("frame_000000.png", 0), ("frame_000017.png", 17), (String(format: "frame_%06d.png", last), last)] {
            #expect(try FrameStamp.read(file: out.file(name), cell: Double(spec.stampCell!)) == frame, "\(name)")
        }
    }

    @Test("probe --json says how the count was obtained")
    func probeMethod() async throws {
        let run = try await RayKitCLI.run(["probe", Fixtures.path("ts_midgop.ts"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let video = try #require(object["video"] as? [String: Any])
        #expect(video["frameCount"] as? Int == 45 && video["frameCountMethod"] as? String == "decoded")
        let fast = try await RayKitCLI.run(["probe", Fixtures.path("ts_midgop.ts"), "--json", "--fast"])
        #expect(fast.stdout.contains("\"frameCountMethod\" : \"header\""))
    }

    @Test("crop -o and keyframes --sheet create missing folders, as frames --out does")
    func missingFolders() async throws {
        let out = TemporaryDirectory()
        let crop = try await RayKitCLI.run(["crop", Fixtures.path("scope239.mp4"), "--to", "1:1", "-o", out.file("new/dir/x.mp4"), "--preset", "ultrafast"])
        #expect(crop.status == 0, "\(crop.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.file("new/dir/x.mp4")))
        let sheet = out.file("other/dir/s.png")
        let keyframes = try await RayKitCLI.run(["keyframes", Fixtures.path("scope239.mp4"), "--at", "0,24", "--out", out.file("stills"), "--sheet", sheet])
        #expect(keyframes.status == 0, "\(keyframes.stderr)")
        #expect(FileManager.default.fileExists(atPath: sheet))
    }

    @Test("canvas to the source's own ratio prints the refusal and exits 1; --all still exits 0")
    func canvasSameRatio() async throws {
        let clip = Fixtures.path("h264_bframes_aac.mp4")
        let same = try await RayKitCLI.run(["canvas", clip, "--to", "16:9"])
        #expect(same.status == 1)
        #expect(same.stdout.contains("already 16:9"))
        let size = try await RayKitCLI.run(["canvas", "1920x1080", "--to", "16:9", "--json"])
        #expect(size.status == 1)
        #expect(size.stdout.contains("reframeProblem"))
        #expect(try await RayKitCLI.run(["canvas", clip, "--all"]).status == 0)
        #expect(try await RayKitCLI.run(["canvas", clip, "--to", "9:16"]).status == 0)
    }

    @Test("canvas to a ratio Ray does not make, from a source already at the one to ask for: the answer, exit 0")
    func canvasCropOnly() async throws {
        let run = try await RayKitCLI.run(["canvas", "1920x1080", "--to", "1.85:1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("ask for 16:9, then crop 3.9% away"), "\(run.stdout)")
        #expect(run.stdout.contains("Reframe: not needed, 1920x1080 is already 16:9: crop it 3.9% away to 37:20"), "\(run.stdout)")
        #expect(try await RayKitCLI.run(["canvas", "1920x1080", "--to", "1.85:1", "--json"]).status == 0)
    }
}
