import Foundation
import RayKitTestSupport
import RayMedia
import RayVersion
import ScenarioTestServer
import Testing

/// `raykit pipeline run|resume|status` against a local Scenario look-alike, killed and resumed.
@Suite("pipeline command", .serialized)
struct PipelineCommandTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("vfr.mp4") }

    var environment: [String: String] {
        server.cliEnvironment()
    }

    /// Two items over the same clip (uploaded once), each edit → reframe → crop.
    func writeSpec() throws -> String {
        let clip = Fixtures.path("h264_bframes_aac.mp4")
        let spec = """
        {"outputDir": "out",
         "items": [
           {"name": "warm", "video": "\(clip)", "steps": [
              {"step": "edit", "prompt": "Warm tungsten grade, 16mm grain", "strength": "adhere_2"},
              {"step": "reframe", "prompt": "Extend the set upward and downward, same warm light and grain", "aspect-ratio": "9:16"},
              {"step": "crop", "to": "4:5"}]},
           {"name": "cold", "video": "\(clip)", "steps": [
              {"step": "edit", "prompt": "Cold blue night grade", "strength": "flex_1"},
              {"step": "reframe", "prompt": "Extend the set upward and downward, same cold night light", "aspect-ratio": "9:16"},
              {"step": "crop", "to": "4:5"}]}]}
        """
        let path = folder.file("spec.json")
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var manifest: String { folder.file("out/pipeline.raykit.json") }

    @Test("a run chains steps by asset id, uploads a shared clip once, and delivers cropped results with audio")
    func chainsByAssetID() async throws {
        let run = try await RayKitCLI.run(["pipeline", "run", try writeSpec()], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.requests("POST", "/v1/uploads").filter { $0.path == "/v1/uploads" }.count == 1)
        let edits = server.requests("POST", "/v1/generate/custom/model_luma-ray-3-2-edit")
        let reframes = server.requests("POST", "/v1/generate/custom/model_luma-ray-3-2-reframe")
        #expect(edits.count == 2 && reframes.count == 2)
        #expect(server.requests("GET", "/blob/").count == 2, "only the reframe results are downloaded, for the crop")
        for reframe in reframes {
            let video = try #require(reframe.json?["video"] as? String)
            #expect(server.assetData(video) == server.defaultOutput, "the reframe source is the edit's output asset")
        }
        for name in ["warm", "cold"] {
            let probe = try MediaProbe.probe(folder.file("out/\(name).mp4"))
            #expect(abs(Double(probe.video.displayWidth) / Double(probe.video.displayHeight) - 0.8) < 0.02)
            #expect(probe.audio.first?.codec == "aac", "the source's audio is back")
        }
        let status = try await RayKitCLI.run(["pipeline", "status", manifest], environment: environment)
        #expect(status.stdout.split(separator: "\n").count == 7)
        #expect(status.stdout.contains("done"))
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any]
        #expect(written?["raykitVersion"] as? String == RayKitVersion.current)
    }

    @Test("killed (SIGKILL) right after a submit, then resumed: no step is submitted twice")
    func killAndResume() async throws {
        server.defaultJob = JobScript(progressPolls: 30, outcome: .success(outputs: [server.defaultOutput]))
        let process = try RayKitCLI.start(["pipeline", "run", try writeSpec(), "--max-in-flight", "1"], environment: environment)
        #expect(await server.waitForRequest("POST", "/v1/generate", count: 1, timeout: 30))
        try await Task.sleep(for: .seconds(0.3))
        kill(process.processIdentifier, SIGKILL)
        await process.exited()
        let submittedBeforeKill = server.requests("POST", "/v1/generate").count
        #expect(submittedBeforeKill >= 1)
        server.defaultJob = JobScript(progressPolls: 2, outcome: .success(outputs: [server.defaultOutput]))
        let resumed = try await RayKitCLI.run(["pipeline", "resume", manifest], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.requests("POST", "/v1/generate").count == 4, "two items × two model steps, each submitted once")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/warm.mp4")))
    }

    @Test("a submit whose answer was lost stops as unknown; resume refuses to resubmit unless told to")
    func unknownSubmit() async throws {
        server.inject(.dropConnection, method: "POST", path: "/v1/generate/custom/model_luma-ray-3-2-edit", times: 1)
        let run = try await RayKitCLI.run(["pipeline", "run", try writeSpec(), "--max-in-flight", "1"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("may have been created and charged"))
        let lost = server.requests("POST", "/v1/generate").count
        let resumed = try await RayKitCLI.run(["pipeline", "resume", manifest], environment: environment)
        #expect(resumed.status == 1)
        #expect(server.requests("POST", "/v1/generate").count == lost, "nothing new for the unknown step")
        let forced = try await RayKitCLI.run(["pipeline", "resume", manifest, "--resubmit-unknown"], environment: environment)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/cold.mp4")))
    }

    @Test("a concurrency 429 lowers the number of jobs in flight and the submit goes through")
    func concurrencyLimit() async throws {
        server.inject(.status(429, json: #"{"reason":"Too many jobs in flight","details":{"actionLimit":1}}"#),
                      method: "POST", path: "/v1/generate", times: 1)
        let run = try await RayKitCLI.run(["pipeline", "run", try writeSpec()], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("at most 1 at once"))
        #expect(server.requests("POST", "/v1/generate").count == 5, "the refused submit plus four")
    }
}
