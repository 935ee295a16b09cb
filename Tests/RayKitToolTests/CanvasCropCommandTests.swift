import Foundation
import RayKitTestSupport
import Testing

@Suite("raykit canvas / crop")
struct CanvasCropCommandTests {
    @Test("canvas --json gives the seed's example: 1920x1080 to 9:16 at 1080p shrinks the source to 56%")
    func canvasJSON() async throws {
        let run = try await RayKitCLI.run(["canvas", "1920x1080", "--to", "9:16", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let reframe = try #require(object["reframe"] as? [String: Any])
        let delivered = try #require(reframe["delivered"] as? [[String: Any]])
        let p1080 = try #require(delivered.first { $0["resolution"] as? String == "1080p" })
        #expect(abs((p1080["sourceScale"] as? Double ?? 0) - 0.5625) < 1e-9)
    }

    @Test("canvas --all prints all six ratios")
    func canvasAll() async throws {
        let run = try await RayKitCLI.run(["canvas", Fixtures.path("scope239.mp4"), "--all"])
        #expect(run.status == 0, "\(run.stderr)")
        for ratio in ["9:16", "3:4", "1:1", "4:3", "16:9", "21:9"] { #expect(run.stdout.contains("\n\(ratio) ")) }
    }

    @Test("crop of a MOV with a timecode track says it kept the timecode, and probe of the crop shows it")
    func cropKeepsTimecode() async throws {
        let out = TemporaryDirectory()
        let spec = Fixtures.spec("prores_pcm.mov")
        let run = try await RayKitCLI.run(["crop", spec.path, "--to", "1:1", "-o", out.file("tc.mp4"), "--preset", "ultrafast", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(", audio re-encoded to AAC, timecode \(spec.timecode!)\n"), "\(run.stdout)")
        #expect(try await RayKitCLI.run(["probe", out.file("tc.mp4")]).stdout.contains("\n  timecode    \(spec.timecode!)\n"))
    }

    @Test("crop writes the file, refuses to overwrite it, and names a bad input")
    func crop() async throws {
        let out = TemporaryDirectory()
        let output = out.file("out.mp4")
        let args = ["crop", Fixtures.path("vfr.mp4"), "--to", "4:5", "-o", output, "--preset", "ultrafast"]
        let first = try await RayKitCLI.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let again = try await RayKitCLI.run(args)
        #expect(again.status == 1)
        #expect(again.stderr == "raykit: \(output): already exists (use --force to overwrite)\n")
        let bad = try await RayKitCLI.run(["crop", Fixtures.path("not_media.mp4"), "--to", "4:5", "-o", out.file("bad.mp4")])
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("raykit: \(Fixtures.path("not_media.mp4")): "))
        #expect(out.contents == ["out.mp4"])
    }
}
