import Foundation
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// `raykit jobs show|wait|download|cancel` against the local Scenario look-alike.
@Suite("jobs command", .serialized)
struct JobsCommandTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await ScenarioTestServer() }

    var environment: [String: String] {
        server.cliEnvironment()
    }

    /// Starts a job the way `--no-wait` would, and returns its id.
    func submitJob() async throws -> String {
        let run = try await RayKitCLI.run(["generate", "--prompt", "A lighthouse at dusk, slow dolly in", "--no-wait"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(run.stdout.firstMatch(of: /job_[0-9a-f]+/).map { String($0.output) })
    }

    @Test("wait polls to success and download writes every output: OUT, OUT-2")
    func waitAndDownload() async throws {
        let outputs = [Data("first output".utf8), Data("second output".utf8)]
        server.scriptNextJob(JobScript(progressPolls: 3, outcome: .success(outputs: outputs)))
        let job = try await submitJob()
        let shown = try await RayKitCLI.run(["jobs", "show", job, "--json"], environment: environment)
        #expect(shown.stdout.contains("\"status\" : \"queued\""))
        let waited = try await RayKitCLI.run(["jobs", "wait", job], environment: environment)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stdout.contains("success"))
        let download = try await RayKitCLI.run(["jobs", "download", job, "-o", folder.file("clip.mp4")], environment: environment)
        #expect(download.status == 0, "\(download.stderr)")
        #expect(FileManager.default.contents(atPath: folder.file("clip.mp4")) == outputs[0])
        #expect(FileManager.default.contents(atPath: folder.file("clip-2.mp4")) == outputs[1])
        let again = try await RayKitCLI.run(["jobs", "download", job, "-o", folder.file("clip.mp4")], environment: environment)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }

    @Test("a failed job: wait exits 1 with the reason the API gave")
    func failedJob() async throws {
        server.scriptNextJob(JobScript(progressPolls: 2, outcome: .failure(error: "The prompt was flagged by moderation")))
        let job = try await submitJob()
        let waited = try await RayKitCLI.run(["jobs", "wait", job], environment: environment)
        #expect(waited.status == 1)
        #expect(waited.stderr.contains("The prompt was flagged by moderation"))
    }

    @Test("a refused cancel is reported as refused, never as done")
    func refusedCancel() async throws {
        server.cancelAllowed = false
        let job = try await submitJob()
        let cancel = try await RayKitCLI.run(["jobs", "cancel", job], environment: environment)
        #expect(cancel.status == 1)
        #expect(cancel.stderr.contains("Cannot cancel this type of job"))
        #expect(!cancel.stdout.contains("cancel requested"))
        server.cancelAllowed = true
        let allowed = try await RayKitCLI.run(["jobs", "cancel", job], environment: environment)
        #expect(allowed.status == 0 && server.jobStatus(job) == "canceled")
    }
}
