import Foundation
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// One typed input per model, read from flags or a spec's keys, with advice spelled for where it was given.
@Suite("step inputs: flags and spec keys", .serialized)
struct StepInputCommandTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("reframe_result_9x16.mp4") }

    @Test("--keyframes 0,24,end names frames of --video: the stills are those frames, by their stamps")
    func keyframesOfTheVideo() async throws {
        let spec = Fixtures.spec("h264_bframes_aac.mp4")
        let run = try await RayKitCLI.run(["plan", "edit", "--video", spec.path, "--prompt", "Warm tungsten grade", "--keyframes", "0,24,end",
                                     "--out", folder.file("plan"), "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let keyframes = try #require((plan["body"] as? [String: Any])?["keyframes"] as? [[String: Any]])
        let last = spec.frameCount! - 1
        #expect(keyframes.compactMap { $0["keyframeIndex"] as? Int } == [0, 24, last])
        for keyframe in keyframes {
            let file = String(try #require(keyframe["keyframeImage"] as? String).dropFirst("file://".count))
            #expect(try FrameStamp.read(file: file, cell: Double(spec.stampCell!)) == keyframe["keyframeIndex"] as? Int)
        }
    }

    @Test("with --no-split a source over the model's limit is refused: exit 1, the file and the trim named, nothing uploaded or submitted, no output")
    func longSourceRefused() async throws {
        let output = folder.file("long.mp4")
        let run = try await RayKitCLI.run(["edit", "--video", Fixtures.path("long35s.mp4"), "--prompt", "Warm tungsten grade", "-o", output, "--no-split"],
                                    environment: server.cliEnvironment())
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("long35s.mp4") && run.stderr.contains("35"), "\(run.stderr)")
        #expect(run.stderr.contains("--fix OUT.mp4 --trim START-END"), "\(run.stderr)")
        #expect(server.requests.filter { $0.method == "POST" }.isEmpty, "nothing uploaded or submitted")
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: output + ".raykit.json"))
    }

    @Test("the same invalid request: a single command's advice names flags, a pipeline's names spec keys")
    func adviceWhereGiven() async throws {
        let single = try await RayKitCLI.run(["generate", "--prompt", "A surfer at dawn", "--duration", "10s", "--loop", "-o", folder.file("a.mp4")],
                                       environment: server.cliEnvironment())
        #expect(single.status == 1 && single.stderr.contains("use --duration 5s or drop --loop"), "\(single.stderr)")
        let spec = folder.file("spec.json")
        try #"{"items": [{"name": "surf", "steps": [{"step": "generate", "prompt": "A surfer at dawn", "duration": "10s", "loop": true}]}]}"#
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let pipeline = try await RayKitCLI.run(["pipeline", "run", spec], environment: server.cliEnvironment())
        #expect(pipeline.status == 1)
        #expect(pipeline.stderr.contains(#"use "duration": "5s" or drop "loop": true"#), "\(pipeline.stderr)")
        #expect(!pipeline.stderr.contains("--duration"))
        #expect(server.requests.filter { $0.method == "POST" }.isEmpty)
    }
}
