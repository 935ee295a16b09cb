import Foundation
import RayKitTestSupport
import RayMedia
import ScenarioTestServer
import Testing

/// `raykit reframe … -o OUT` stopped by SIGINT or SIGTERM while it uploads, polls or downloads (each held
/// open by the test server's `.delay`): exit 130 / 143, no output and no partial, the manifest kept; the
/// same command then finishes, and the job is submitted once in all.
@Suite("run commands interrupted", .serialized)
struct RunInterruptTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("reframe_result_9x16.mp4") }

    var environment: [String: String] {
        server.cliEnvironment()
    }

    var output: String { folder.file("out.mp4") }

    var arguments: [String] {
        ["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt",
         "Extend the street to the top and bottom, same evening light and wet asphalt", "--aspect-ratio", "9:16", "-o", output]
    }

    /// The step held, and the request that holds it.
    enum Step: String, CaseIterable, Sendable {
        case upload, poll, download
        var request: (method: String, path: String) {
            switch self {
            case .upload: ("PUT", "/s3/")
            case .poll: ("GET", "/v1/jobs/")
            case .download: ("GET", "/blob/")
            }
        }
    }

    @Test("SIGINT / SIGTERM during upload, poll and download: 130 / 143, nothing partial, manifest kept; the rerun finishes with one submit",
          arguments: Step.allCases, [SIGINT, SIGTERM])
    func interrupted(_ step: Step, _ signal: Int32) async throws {
        let (method, path) = step.request
        server.inject(.delay(seconds: 4), method: method, path: path)
        let server = server
        let (run, sent) = try await InterruptTests.run(arguments, environment: environment, signal: signal) {
            !server.requests(method, path).isEmpty
        }
        try #require(sent, "the \(step) never started: \(run.stderr)")
        #expect(run.status == 128 + signal, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!folder.contents.contains { $0.contains(".partial") }, "\(folder.contents)")
        let manifest = try String(contentsOfFile: output + ".raykit.json", encoding: .utf8)
        #expect(!manifest.contains("\"state\" : \"done\""))

        let again = try await RayKitCLI.run(arguments, environment: environment, timeout: 60)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
        #expect(server.requests("POST", "/v1/generate/").count == 1, "a job already submitted is never submitted again")
    }
}
