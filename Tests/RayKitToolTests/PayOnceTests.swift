import Foundation
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// The ordinary ways a run could pay twice, and the advice that moves a stopped run on, as a user meets
/// them: two terminals on one output, an answer that cannot be read, a rejected request then the right one,
/// a failed job. Each test has its own server and folder.
@Suite("paying once")
struct PayOnceTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("reframe_result_9x16.mp4") }

    var output: String { folder.file("out.mp4") }

    func reframe(_ extra: [String] = [], prompt: String = "Extend the street to the top and bottom, same evening light") -> [String] {
        ["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", prompt, "--aspect-ratio", "9:16", "-o", output] + extra
    }

    var submits: Int { server.requests("POST", "/v1/generate/").filter { $0.query["dryRun"] == nil }.count }

    @Test("two runs of one output at once: the second stops at once naming the first's PID; one paid job in all")
    func twoTerminals() async throws {
        server.inject(.delay(seconds: 3), method: "POST", path: "/v1/uploads", times: 1)
        let first = try RayKitCLI.start(reframe(), environment: server.cliEnvironment())
        let lock = output + ".raykit.json.lock"
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: lock) && Date() < deadline { try await Task.sleep(for: .seconds(0.05)) }
        try #require(FileManager.default.fileExists(atPath: lock), "the first run took its lock")

        let started = Date()
        let second = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(Date().timeIntervalSince(started) < 3, "the second run stops at once")
        #expect(second.status == 1)
        #expect(second.stderrLines.count == 1, "\(second.stderr)")
        #expect(second.stderr.contains("in use by process \(first.processIdentifier) on "), "\(second.stderr)")
        #expect(second.stderr.contains("wait for it to finish"), "\(second.stderr)")

        await first.exited()
        #expect(first.terminationStatus == 0)
        #expect(submits == 1)
        #expect(server.requests("POST", "/v1/uploads").filter { $0.path == "/v1/uploads" }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: lock), "the lock goes with its run")
    }

    @Test("a lock file left by a dead process is taken over")
    func deadOwner() async throws {
        // No process holds a flock on it; 4194304 is beyond Linux's largest pid_max.
        try "4194304 on elsewhere\n".write(toFile: output + ".raykit.json.lock", atomically: true, encoding: .utf8)
        let run = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(submits == 1)
    }

    @Test("a 2xx submit answer cut short: the step is unknown, not failed; the advice names jobs list, --attach and --resubmit-unknown; a re-run pays nothing")
    func unreadableSubmitAnswer() async throws {
        server.inject(.truncateBody, method: "POST", path: "/v1/generate/", times: 1)
        let run = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 1)
        for words in ["may have been created and charged", "raykit jobs list --model reframe --since ", "--attach JOB_ID", "--resubmit-unknown"] {
            #expect(run.stderr.contains(words), "no \(words) in: \(run.stderr)")
        }
        let manifest = try String(contentsOfFile: output + ".raykit.json", encoding: .utf8)
        #expect(manifest.contains("\"state\" : \"unknown\""))

        let again = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(again.status == 1)
        #expect(again.stderr.contains("--attach JOB_ID"), "\(again.stderr)")
        #expect(submits == 1, "a plain re-run never submits an unknown step again")

        let paid = try await RayKitCLI.run(reframe(["--resubmit-unknown"]), environment: server.cliEnvironment(), timeout: 180)
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(submits == 2, "--resubmit-unknown pays again, knowingly")
    }

    @Test("a 200 naming no job is unknown too")
    func answerWithoutJob() async throws {
        server.inject(.status(200, json: #"{"creativeUnitsCost": 12}"#), method: "POST", path: "/v1/generate/", times: 1)
        let run = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 1)
        #expect(run.stderr.contains("names no job"), "\(run.stderr)")
        #expect(try String(contentsOfFile: output + ".raykit.json", encoding: .utf8).contains("\"state\" : \"unknown\""))
    }

    @Test("a request that fails validation leaves no state: the corrected command runs")
    func validationThenCorrected() async throws {
        let generate = ["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "-o", output]
        let wrong = try await RayKitCLI.run(generate + ["--duration", "10s", "--hdr"], environment: server.cliEnvironment(), timeout: 180)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("10s"), "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output + ".raykit.json"), "no manifest before anything was sent")
        #expect(!wrong.stderr.contains("state kept"), "\(wrong.stderr)")
        #expect(server.requests.isEmpty)

        let right = try await RayKitCLI.run(generate + ["--duration", "5s", "--hdr"], environment: server.cliEnvironment(), timeout: 180)
        #expect(right.status == 0, "\(right.stderr)")
        #expect(submits == 1)
    }

    @Test("another request for the same output: the message says what differs and names --fresh; --fresh starts over")
    func differentRequest() async throws {
        #expect(try await RayKitCLI.run(reframe(["--no-wait"]), environment: server.cliEnvironment(), timeout: 180).status == 0)
        let other = try await RayKitCLI.run(reframe(prompt: "Extend the street with snow falling"), environment: server.cliEnvironment(), timeout: 180)
        #expect(other.status == 1)
        #expect(other.stderrLines.count == 1, "\(other.stderr)")
        #expect(other.stderr.contains(#"prompt: "Extend the street to the top and bottom, same evening light" → "Extend the street with snow falling""#),
                "\(other.stderr)")
        #expect(other.stderr.contains("--fresh"), "\(other.stderr)")
        #expect(submits == 1)

        let fresh = try await RayKitCLI.run(reframe(["--fresh"], prompt: "Extend the street with snow falling"), environment: server.cliEnvironment(),
                                      timeout: 180)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(submits == 2)
    }

    @Test("a failed job: the advice names --retry-failed on the same command, which submits once more")
    func failedJob() async throws {
        server.scriptNextJob(JobScript(progressPolls: 1, outcome: .failure(error: "the GPU fell over")))
        let run = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 1)
        #expect(run.stderr.contains("the GPU fell over") && run.stderr.contains("--retry-failed (the same command)"), "\(run.stderr)")
        #expect(!run.stderr.contains("pipeline resume"), "a single command's advice names its own flags: \(run.stderr)")

        let again = try await RayKitCLI.run(reframe(), environment: server.cliEnvironment(), timeout: 180)
        #expect(again.status == 1)
        #expect(submits == 1, "a failed job is not submitted again without asking")

        let retried = try await RayKitCLI.run(reframe(["--retry-failed"]), environment: server.cliEnvironment(), timeout: 180)
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(submits == 2)
    }
}

/// Finding and adopting a job whose submit answer was lost, as the advice says: `raykit jobs list`, then `--attach`.
@Suite("recovering an unknown job")
struct UnknownJobRecoveryTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("reframe_result_9x16.mp4") }

    var output: String { folder.file("out.mp4") }

    var reframe: [String] {
        ["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street up and down, same light",
         "--aspect-ratio", "9:16", "-o", output]
    }

    /// The reframe jobs `raykit jobs list --json` shows.
    func listedJobs() async throws -> [[String: Any]] {
        let list = try await RayKitCLI.run(["jobs", "list", "--model", "reframe", "--since", "10m", "--json"], environment: server.cliEnvironment())
        #expect(list.status == 0, "\(list.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
    }

    @Test("a lost submit answer: jobs list finds the job, --attach adopts it, the result is delivered, one submit in all")
    func listThenAttach() async throws {
        server.createJob(modelId: "model_luma-ray-3-2-edit")
        server.inject(.truncateBody, method: "POST", path: "/v1/generate/", times: 1)
        #expect(try await RayKitCLI.run(reframe, environment: server.cliEnvironment(), timeout: 180).status == 1)

        let jobs = try await listedJobs()
        #expect(jobs.count == 1, "only the reframe job, not the edit job made elsewhere: \(jobs)")
        let jobId = try #require(jobs.first?["jobId"] as? String)
        let attached = try await RayKitCLI.run(reframe + ["--attach", jobId], environment: server.cliEnvironment(), timeout: 180)
        #expect(attached.status == 0, "\(attached.stderr)")
        #expect(attached.stderr.contains("adopted job \(jobId)"), "\(attached.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
        #expect(server.submitCount() == 1)
    }

    @Test("--attach refuses a job of another model")
    func attachOtherModel() async throws {
        let other = server.createJob(modelId: "model_luma-ray-3-2-edit")
        let run = try await RayKitCLI.run(reframe + ["--attach", other], environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 1)
        #expect(run.stderr.contains("ran model_luma-ray-3-2-edit, not model_luma-ray-3-2-reframe"), "\(run.stderr)")
        #expect(server.submitCount() == 0)
    }

    @Test("the {\"job\":{\"id\":…}} answer shape is read: the run finishes with one submit")
    func idAnswerShape() async throws {
        server.submitAnswerShape = .id
        let run = try await RayKitCLI.run(reframe, environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.submitCount() == 1)
    }

    @Test("a pipeline item whose submit answer was lost: pipeline resume --attach ITEM=JOB adopts it")
    func pipelineAttach() async throws {
        let spec = folder.file("spec.json")
        try """
        {"outputDir": "out", "items": [{"name": "street", "video": "\(Fixtures.path("h264_bframes_aac.mp4"))",
          "steps": [{"step": "reframe", "prompt": "Extend the street up and down", "aspect-ratio": "9:16"}]}]}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        server.inject(.truncateBody, method: "POST", path: "/v1/generate/", times: 1)
        let run = try await RayKitCLI.run(["pipeline", "run", spec], environment: server.cliEnvironment(), timeout: 180)
        #expect(run.status == 1)
        let manifest = folder.file("out/pipeline.raykit.json")
        #expect(run.stderr.contains("raykit pipeline resume \(manifest) --attach street=JOB_ID"), "\(run.stderr)")
        let jobId = try await #require(try listedJobs().first?["jobId"] as? String)
        let resumed = try await RayKitCLI.run(["pipeline", "resume", manifest, "--attach", "street=\(jobId)"], environment: server.cliEnvironment(),
                                        timeout: 180)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/street.mp4")))
        #expect(server.submitCount() == 1)
    }

    @Test("a pipeline cannot take an output a single command is delivering")
    func pipelineRespectsOutputLock() async throws {
        server.inject(.delay(seconds: 3), method: "POST", path: "/v1/uploads", times: 1)
        let single = try RayKitCLI.start(["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street",
                                          "--aspect-ratio", "9:16", "-o", folder.file("out/street.mp4")], environment: server.cliEnvironment())
        let lock = folder.file("out/street.mp4.raykit.json.lock")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: lock) && Date() < deadline { try await Task.sleep(for: .seconds(0.05)) }
        let spec = folder.file("spec.json")
        try """
        {"outputDir": "out", "items": [{"name": "street", "video": "\(Fixtures.path("h264_bframes_aac.mp4"))",
          "steps": [{"step": "reframe", "prompt": "Extend the street", "aspect-ratio": "9:16"}]}]}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
        let pipeline = try await RayKitCLI.run(["pipeline", "run", spec], environment: server.cliEnvironment(), timeout: 180)
        #expect(pipeline.status == 1)
        #expect(pipeline.stderr.contains("in use by process \(single.processIdentifier)"), "\(pipeline.stderr)")
        await single.exited()
        #expect(single.terminationStatus == 0)
        #expect(server.submitCount() == 1)
    }
}
