import Foundation
import RayKitTestSupport
import RayMedia
import RayVersion
import ScenarioTestServer
import Testing

/// `raykit generate|edit|reframe` end to end against a local Scenario look-alike: real HTTP, real files.
@Suite("model run commands", .serialized)
struct ModelRunCommandTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering(Self.resultFixture) }

    /// A stand-in for a Reframe result of h264_bframes_aac.mp4: a 9:16 clip without audio.
    static let resultFixture = "reframe_result_9x16.mp4"

    var environment: [String: String] {
        server.cliEnvironment()
    }

    func reframe(_ extra: [String] = [], output: String? = nil) async throws -> RayKitCLI.Run {
        try await RayKitCLI.run(["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt",
                           "Extend the street to the top and bottom, same evening light and wet asphalt",
                           "--aspect-ratio", "9:16", "-o", output ?? folder.file("out.mp4")] + extra, environment: environment)
    }

    @Test("reframe: uploads the source, submits once, polls, downloads, crops, puts the audio back, writes the manifest")
    func reframeEndToEnd() async throws {
        let run = try await reframe(["--crop-to", "4:5"])
        #expect(run.status == 0, "\(run.stderr)")
        let submits = server.requests("POST", "/v1/generate/custom/model_luma-ray-3-2-reframe")
        try #require(submits.count == 1)
        let body = try #require(submits[0].json)
        #expect(body["aspectRatio"] as? String == "9:16")
        let video = try #require(body["video"] as? String)
        #expect(server.assetData(video) == (try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("h264_bframes_aac.mp4")))))
        let probe = try MediaProbe.probe(folder.file("out.mp4"))
        #expect(abs(Double(probe.video.displayWidth) / Double(probe.video.displayHeight) - 0.8) < 0.02)
        #expect(probe.video.frameCount == 90)
        let audio = try #require(probe.audio.first)
        #expect(audio.codec == "aac" && audio.channels == 2)
        #expect(abs((audio.duration ?? 0) - 3.0) < 0.05)
        #expect(run.stderr.contains("the result for out.mp4 is 360x640, RayKit predicted 720x1280"), "\(run.stderr)")
        #expect(!run.stderr.contains("output-1.mp4") && !run.stderr.contains("warning: warning"), "no internal names, findings once: \(run.stderr)")
        let manifest = try String(contentsOfFile: folder.file("out.mp4.raykit.json"), encoding: .utf8)
        #expect(manifest.contains("\"state\" : \"done\""))
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let step = try #require(((recorded["items"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])?.first)
        let check = try #require((step["checks"] as? [[String: Any]])?.first, "the Reframe check ran on the download")
        #expect(check["kind"] as? String == "reframe" && check["verdict"] as? String == "ok", "\(check)")
    }

    @Test("a result that fails its Reframe check: exit 2, the verdict on stderr naming the delivered file, no \"wrote\"")
    func failedCheck() async throws {
        // A clip that skips a frame halfway: `raykit check reframe` fails it against the source (exit 2).
        let failing = try await ScenarioTestServer.delivering("checks/edit_dropped.mp4")
        let output = folder.file("out.mp4")
        let run = try await RayKitCLI.run(["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street up and down",
                                     "--aspect-ratio", "9:16", "-o", output], environment: failing.cliEnvironment())
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!run.stdout.contains("wrote"), "\(run.stdout)")
        let verdicts = run.stderrLines.filter { $0.hasPrefix("raykit: out: \(output): the reframe check failed: ") }
        try #require(verdicts.count == 1, "\(run.stderr)")
        #expect(verdicts[0].contains("fail: fidelity drops at 44 frames (45-88)"), "\(verdicts[0])")
        #expect(!verdicts[0].contains("output-1.mp4"))
        let manifest = try String(contentsOfFile: folder.file("out.mp4.raykit.json"), encoding: .utf8)
        #expect(manifest.contains("\"verdict\" : \"fail\""))
    }

    @Test("edit --keyframes CLIP@0,45: the result's check compares the guide stills the request sent")
    func editCheckUsesGuides() async throws {
        let clip = Fixtures.path("h264_bframes_aac.mp4")
        func edit(_ fixture: String, output: String) async throws -> (run: RayKitCLI.Run, check: [String: Any]) {
            let server = try await ScenarioTestServer.delivering(fixture)
            let run = try await RayKitCLI.run(["edit", "--video", clip, "--prompt", "Warm tungsten grade, 16mm grain", "--keyframes", clip + "@0,45",
                                         "-o", output], environment: server.cliEnvironment())
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + ".raykit.json"))) as? [String: Any]
            let step = try #require(((manifest?["items"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])?.first)
            return (run, try #require((step["checks"] as? [[String: Any]])?.first, "\(run.stderr)"))
        }
        // The source echoed back: each guide is where it was taken from.
        let echoed = try await edit("h264_bframes_aac.mp4", output: folder.file("echoed.mp4"))
        #expect(echoed.run.status == 0, "\(echoed.run.stderr)")
        #expect(echoed.check["kind"] as? String == "edit" && echoed.check["verdict"] as? String == "ok", "\(echoed.check)")
        #expect(echoed.check["guideFrames"] as? [Int] == [0, 45], "\(echoed.check)")
        // Another picture with the same timing: the check finds it far from both guides.
        let other = try await edit("reframe_result_9x16.mp4", output: folder.file("other.mp4"))
        let findings = other.check["findings"] as? [String] ?? []
        #expect(findings.contains { $0.contains("frame 0 is far from its guide") } && findings.contains { $0.contains("frame 45 is far from its guide") },
                "\(other.check)")
    }

    @Test("every request of a run (API calls, part uploads, downloads) carries User-Agent raykit/VERSION")
    func userAgent() async throws {
        let run = try await reframe()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(RayKitVersion.current.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+/) != nil)
        for prefix in ["/v1/", "/s3", "/blob/"] { #expect(!server.requests.filter { $0.path.hasPrefix(prefix) }.isEmpty, "\(prefix)") }
        for request in server.requests {
            #expect(request.headers["user-agent"] == "raykit/\(RayKitVersion.current)", "\(request.method) \(request.path)")
        }
    }

    @Test("the body sent is the body `raykit plan` prints, with the upload's asset id in place of the file")
    func bodyMatchesPlan() async throws {
        let arguments = ["--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street up and down, same evening light",
                         "--aspect-ratio", "3:4", "--resolution", "540p"]
        let plan = try await RayKitCLI.run(["plan", "reframe", "--json", "--out", folder.file("plan")] + arguments, environment: environment)
        let planned = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        var expected = try #require(planned["body"] as? [String: Any])
        let run = try await RayKitCLI.run(["reframe", "-o", folder.file("r.mp4")] + arguments, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let sent = try #require(server.requests("POST", "/v1/generate/custom/").first?.json)
        #expect(expected["video"] as? String == "file://" + Fixtures.path("h264_bframes_aac.mp4"))
        expected["video"] = sent["video"]
        #expect(NSDictionary(dictionary: sent).isEqual(to: expected))
    }

    @Test("generate: a CLIP@INDEX start frame goes up inline, --crop-to 2.39:1 asks for 21:9, the result is cropped")
    func generateWithStartFrame() async throws {
        let run = try await RayKitCLI.run(["generate", "--prompt", "The street at night, slow push in, neon reflections",
                                     "--start-frame", Fixtures.path("h264_bframes_aac.mp4") + "@45", "--crop-to", "2.39:1",
                                     "-o", folder.file("g.mp4")], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let upload = try #require(server.requests("POST", "/v1/assets").first?.json)
        let png = try #require(Data(base64Encoded: upload["image"] as? String ?? ""))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let body = try #require(server.requests("POST", "/v1/generate/custom/model_luma-ray-3-2").first?.json)
        #expect(body["aspectRatio"] as? String == "21:9")
        #expect(server.assetData(body["startFrame"] as? String ?? "") == png)
        let probe = try MediaProbe.probe(folder.file("g.mp4"))
        #expect(abs(Double(probe.video.displayWidth) / Double(probe.video.displayHeight) - 2.39) < 0.05)
        #expect(probe.audio.isEmpty, "a generated clip has no source audio to put back")
    }

    @Test("running the same command again after it finished sends nothing new")
    func rerunIsSafe() async throws {
        await #expect(try reframe().status == 0)
        let before = server.requests.count
        let again = try await reframe()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(server.requests("POST", "/v1/generate").count == 1)
        #expect(server.requests.count == before)
    }

    @Test("--no-wait submits and exits; the same command then polls that job instead of submitting again")
    func noWaitThenFinish() async throws {
        let first = try await reframe(["--no-wait"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("submitted job job_"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.mp4")))
        let second = try await reframe()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.requests("POST", "/v1/generate").count == 1)
        #expect(server.requests("POST", "/v1/uploads").filter { $0.path == "/v1/uploads" }.count == 1)
        #expect(FileManager.default.fileExists(atPath: folder.file("out.mp4")))
    }

    @Test("--estimate asks for the cost with dryRun and starts no job")
    func estimate() async throws {
        let run = try await RayKitCLI.run(["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "--estimate"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("would cost 12 creative units"))
        let submits = server.requests("POST", "/v1/generate")
        #expect(submits.count == 1 && submits[0].query["dryRun"] == "true")
    }

    @Test("--no-audio belongs to edit and reframe: generate refuses it as a usage error (64); reframe --no-audio delivers no audio")
    func noAudioOnlyWhereThereIsAudio() async throws {
        let generate = try await RayKitCLI.run(["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "--no-audio", "-o", folder.file("g.mp4")],
                                         environment: environment)
        #expect(generate.status == 64)
        #expect(generate.stderr.contains("--no-audio"))
        #expect(server.requests.isEmpty)
        let run = try await reframe(["--no-audio"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try MediaProbe.probe(folder.file("out.mp4")).audio.isEmpty)
    }

    @Test("missing credentials: one line naming both pairs of variables, exit 1, no request")
    func missingCredentials() async throws {
        let bare = ScenarioEnvironment.make(baseURL: server.baseURL, key: "", secret: "",
                                            extra: ["SCENARIO_SDK_API_KEY": nil, "SCENARIO_SDK_API_SECRET": nil])
        let run = try await RayKitCLI.run(["generate", "--prompt", "x", "-o", folder.file("g.mp4")], environment: bare)
        #expect(run.status == 1)
        for name in ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET", "SCENARIO_API_KEY", "SCENARIO_API_SECRET"] {
            #expect(run.stderr.contains(name))
        }
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(server.requests.isEmpty)
    }

    @Test("plain HTTP to another machine: refused at once with one line, exit 1, before any connection")
    func plainHTTPRefused() async throws {
        // 10.0.0.1 is never contacted: a connect attempt would wait out the 30 s limit set here, or fail with curl's words.
        let insecure = server.cliEnvironment(extra: ["SCENARIO_API_URL": "http://10.0.0.1:9/v1", "RAYKIT_API_TIMEOUT_SECONDS": "30"])
        for arguments in [["jobs", "show", "job_1"], ["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street",
                                                       "--aspect-ratio", "9:16", "-o", folder.file("r.mp4")]] {
            let started = Date()
            let run = try await RayKitCLI.run(arguments, environment: insecure, timeout: 20)
            #expect(Date().timeIntervalSince(started) < 2, "\(arguments[0])")
            #expect(run.status == 1)
            #expect(run.stderrLines == ["raykit: SCENARIO_API_URL http://10.0.0.1:9/v1 is not HTTPS: "
                + "credentials are only sent over HTTPS, or plain HTTP to this machine"])
            #expect(run.stdout.isEmpty)
        }
        #expect(server.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.file("r.mp4.raykit.json")))
    }

    @Test("a truncated download leaves no output file and keeps the job for a later run")
    func truncatedDownload() async throws {
        server.inject(.truncateBody, method: "GET", path: "/blob/", times: 5)
        let run = try await reframe()
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.mp4")))
        #expect(!folder.contents.contains { $0.contains(".partial") })
        let again = try await reframe()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(server.requests("POST", "/v1/generate").count == 1)
    }

    @Test("no secret in any output line or written file, even with --verbose")
    func noSecrets() async throws {
        server.inject(.serverError(502), method: "GET", path: "/v1/jobs/", times: 1)
        let run = try await reframe(["--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        let token = Data("\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)".utf8).base64EncodedString()
        var texts = [run.stdout, run.stderr]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.file(name)) { texts.append(String(decoding: data, as: UTF8.self)) }
        }
        for text in texts {
            #expect(!text.contains(ScenarioTestServer.apiKey))
            #expect(!text.contains(ScenarioTestServer.apiSecret))
            #expect(!text.contains(token))
        }
    }
}
