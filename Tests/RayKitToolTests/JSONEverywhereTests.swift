import Foundation
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// Every subcommand that takes `--json` prints JSON (an object or an array) on stdout when it succeeds.
@Suite("--json everywhere", .serialized)
struct JSONEverywhereTests {
    /// A case's own server and folder, and the state some commands need first (a job, a manifest).
    struct Setting {
        let server: ScenarioTestServer
        let folder = TemporaryDirectory()
        var environment: [String: String] { server.cliEnvironment() }

        /// Runs `raykit ARGS…` as part of the setup; it must succeed.
        func setUp(_ arguments: [String]) async throws -> RayKitCLI.Run {
            let run = try await RayKitCLI.run(arguments, environment: environment)
            try #require(run.status == 0, "\(arguments.prefix(2)): \(run.stderr)")
            return run
        }

        /// A job submitted the way `--no-wait` does; with `finished`, waited for to success.
        func job(finished: Bool = false) async throws -> String {
            let run = try await setUp(["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "--no-wait"])
            let job = try #require(run.stdout.firstMatch(of: /job_[0-9a-f]+/).map { String($0.output) })
            if finished { _ = try await setUp(["jobs", "wait", job]) }
            return job
        }

        /// A pipeline spec of one Reframe item, written into the folder.
        func spec() throws -> String {
            let spec = """
            {"outputDir": "out", "items": [{"name": "tall", "video": "\(clip)", "steps": [
              {"step": "reframe", "prompt": "Extend the street to the top and bottom, same evening light", "aspect-ratio": "9:16"}]}]}
            """
            try spec.write(toFile: folder.file("spec.json"), atomically: true, encoding: .utf8)
            return folder.file("spec.json")
        }

        var manifest: String { folder.file("out/pipeline.raykit.json") }
    }

    /// One subcommand with `--json`: its arguments, given a setting whose server delivers `delivers`.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var delivers = "reframe_result_9x16.mp4"
        let arguments: @Sendable (Setting) async throws -> [String]

        var testDescription: String { name }
    }

    static let clip = Fixtures.path("h264_bframes_aac.mp4")
    static let reframePrompt = ["--prompt", "Extend the street to the top and bottom, same evening light and wet asphalt"]

    static let cases: [Case] = [
        Case(name: "probe") { _ in ["probe", clip] },
        Case(name: "frames") { s in ["frames", clip, "--at", "0,end", "--out", s.folder.file("stills")] },
        Case(name: "keyframes") { s in ["keyframes", clip, "--at", "0,45", "--out", s.folder.file("keys")] },
        Case(name: "canvas") { _ in ["canvas", clip, "--to", "9:16"] },
        Case(name: "crop") { s in ["crop", clip, "--to", "1:1", "-o", s.folder.file("square.mp4"), "--preset", "ultrafast", "--quiet"] },
        Case(name: "preflight") { _ in ["preflight", clip, "--for", "edit"] },
        Case(name: "plan generate") { s in ["plan", "generate", "--prompt", "A lighthouse at dusk, slow dolly in", "--out", s.folder.file("plan")] },
        Case(name: "plan edit") { s in
            ["plan", "edit", "--video", clip, "--prompt", "Warm tungsten grade", "--keyframes", clip + "@0,45", "--out", s.folder.file("plan")]
        },
        Case(name: "plan reframe") { s in ["plan", "reframe", "--video", clip, "--aspect-ratio", "9:16", "--out", s.folder.file("plan")] + reframePrompt },
        Case(name: "shots") { _ in ["shots", Fixtures.path("shots.mp4")] },
        Case(name: "check reframe") { _ in ["check", "reframe", clip, Fixtures.path("reframe_result_9x16.mp4")] },
        Case(name: "check edit") { _ in ["check", "edit", clip, clip] },
        Case(name: "check loop") { _ in ["check", "loop", Fixtures.path("checks/loop_seamless.mp4")] },
        Case(name: "jobs list") { s in _ = try await s.job(); return ["jobs", "list", "--model", "generate"] },
        Case(name: "jobs show") { s in ["jobs", "show", try await s.job()] },
        Case(name: "jobs wait") { s in ["jobs", "wait", try await s.job()] },
        Case(name: "jobs download") { s in ["jobs", "download", try await s.job(finished: true), "-o", s.folder.file("job.mp4")] },
        Case(name: "jobs cancel") { s in ["jobs", "cancel", try await s.job()] },
        Case(name: "generate") { s in ["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "-o", s.folder.file("g.mp4")] },
        Case(name: "edit", delivers: "h264_bframes_aac.mp4") { s in
            ["edit", "--video", clip, "--prompt", "Warm tungsten grade, 16mm grain", "-o", s.folder.file("e.mp4")]
        },
        Case(name: "reframe") { s in ["reframe", "--video", clip, "--aspect-ratio", "9:16", "-o", s.folder.file("r.mp4")] + reframePrompt },
        Case(name: "pipeline run") { s in ["pipeline", "run", try s.spec()] },
        Case(name: "pipeline resume") { s in
            _ = try await s.setUp(["pipeline", "run", try s.spec(), "--no-wait"])
            return ["pipeline", "resume", s.manifest]
        },
        Case(name: "pipeline status") { s in
            _ = try await s.setUp(["pipeline", "run", try s.spec()])
            return ["pipeline", "status", s.manifest]
        },
    ]

    @Test("the subcommand prints JSON on stdout", arguments: cases)
    func printsJSON(_ command: Case) async throws {
        let setting = Setting(server: try await .delivering(command.delivers))
        let run = try await RayKitCLI.run(try await command.arguments(setting) + ["--json"], environment: setting.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        #expect(parsed is [String: Any] || parsed is [Any], "\(run.stdout)")
    }
}
