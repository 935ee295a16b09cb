import Foundation
import RayKitTestSupport
import Testing

@Suite("raykit probe")
struct ProbeCommandTests {
    @Test("--json prints one object whose fields match the fixture")
    func jsonOneFile() async throws {
        let spec = Fixtures.spec("rotated90.mp4")
        let run = try await RayKitCLI.run(["probe", "--json", spec.path])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let video = try #require(object["video"] as? [String: Any])
        #expect(object["file"] as? String == spec.path)
        #expect(video["displayWidth"] as? Int == spec.displayWidth)
        #expect(video["displayHeight"] as? Int == spec.displayHeight)
        #expect(video["rotation"] as? Int == spec.rotation)
        #expect(video["frameCount"] as? Int == spec.frameCount)
        #expect(video["nearestSupportedRatio"] as? String == "9:16")
    }

    @Test("several files give an array; one bad file fails the run but not the others")
    func severalFiles() async throws {
        let good = [Fixtures.path("vfr.mp4"), Fixtures.path("anamorphic.mkv")]
        let bad = Fixtures.path("not_media.mp4")
        let run = try await RayKitCLI.run(["probe", "--json", good[0], bad, good[1]])
        #expect(run.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.compactMap { $0["file"] as? String } == good)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(bad) == true)
    }

    @Test("bad input: one line on stderr naming the file, exit 1, no FFmpeg noise", arguments: Fixtures.bad)
    func badInput(_ spec: FixtureSpec) async throws {
        let run = try await RayKitCLI.run(["probe", spec.path])
        #expect(run.status == 1)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(lines.first?.hasPrefix("raykit: \(spec.path): ") == true)
    }

    @Test("--verbose lets FFmpeg's own log lines through")
    func verbose() async throws {
        let run = try await RayKitCLI.run(["probe", "--verbose", Fixtures.path("not_media.mp4")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("ffmpeg: "))
    }

    @Test("a missing file is an error too")
    func missing() async throws {
        let run = try await RayKitCLI.run(["probe", "/nonexistent/clip.mov"])
        #expect(run.status == 1)
        #expect(run.stderr == "raykit: /nonexistent/clip.mov: no such file\n")
    }

    @Test("the text form names the display size and the nearest ratio")
    func text() async throws {
        let spec = Fixtures.spec("anamorphic.mkv")
        let run = try await RayKitCLI.run(["probe", spec.path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("displays \(spec.displayWidth!)x\(spec.displayHeight!)"))
        #expect(run.stdout.contains("nearest Ray ratio 16:9"))
    }
}
