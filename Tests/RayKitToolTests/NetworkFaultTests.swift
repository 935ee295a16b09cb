import Foundation
import RayKitTestSupport
import ScenarioTestServer
import Testing

/// `raykit reframe … -o OUT` against a server that misbehaves: hangs, garbage, HTML, missing fields, a
/// redirect loop, expired signatures. Each ends in bounded time with an error that names the step and
/// the exchange; the manifest stays, and the same command then finishes with one submit in all.
@Suite("network faults through the CLI", .serialized)
struct NetworkFaultTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()

    init() async throws { server = try await .delivering("reframe_result_9x16.mp4") }

    /// Short limits: 1 s per API call, 1 s without progress on a transfer.
    var environment: [String: String] {
        server.cliEnvironment(extra: ["RAYKIT_API_TIMEOUT_SECONDS": "1", "RAYKIT_STALL_SECONDS": "1"])
    }

    var output: String { folder.file("out.mp4") }

    func reframe() async throws -> (run: RayKitCLI.Run, seconds: Double) {
        let started = Date()
        let run = try await RayKitCLI.run(["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt",
                                     "Extend the street to the top and bottom, same evening light and wet asphalt",
                                     "--aspect-ratio", "9:16", "-o", output], environment: environment, timeout: 60)
        return (run, Date().timeIntervalSince(started))
    }

    /// The run failed cleanly within `bound` seconds, saying `words` about `step`; then the same command finishes.
    func expectFailsThenResumes(_ words: [String], within bound: Double, submits: Int = 1,
                                sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (run, seconds) = try await reframe()
        #expect(run.status == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(seconds < bound, "took \(seconds) s", sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "no \(word) in: \(run.stderr)", sourceLocation: sourceLocation) }
        #expect(run.stderr.contains("state kept in \(output).raykit.json") && run.stderr.contains("run the same command again"),
                "the state is kept: \(run.stderr)", sourceLocation: sourceLocation)
        for line in run.stderrLines { #expect(line.count < 400, "one short line each: \(line)", sourceLocation: sourceLocation) }
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
        #expect(!folder.contents.contains { $0.contains(".partial") }, sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: output + ".raykit.json"), sourceLocation: sourceLocation)

        let (again, _) = try await reframe()
        #expect(again.status == 0, "\(again.stderr)", sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
        #expect(server.requests("POST", "/v1/generate/").count == submits, sourceLocation: sourceLocation)
    }

    @Test("an API call that is accepted and never answered times out after the API limit, on every try; the rerun finishes")
    func hungAPICall() async throws {
        server.inject(.delay(seconds: 10), method: "POST", path: "/v1/uploads", times: 5)
        try await expectFailsThenResumes(["upload of", "POST /uploads", "Timeout was reached"], within: 9)
    }

    @Test("polls that hang time out and polling goes on: the same run finishes")
    func hungPolls() async throws {
        server.inject(.delay(seconds: 30), method: "GET", path: "/v1/jobs/", times: 2)
        let (run, seconds) = try await reframe()
        #expect(run.status == 0, "\(run.stderr)")
        // Waiting the two hung polls out would take 60 s; the whole run (upload, poll, download, check) takes far
        // less, even in a sanitizer build on a loaded machine (18 s there, 4 s in a plain build).
        #expect(seconds < 45, "took \(seconds) s")
        #expect(server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("a download that stalls is abandoned after the stall limit, on every try; the rerun downloads the same job")
    func stalledDownload() async throws {
        server.inject(.delay(seconds: 10), method: "GET", path: "/blob/", times: 5)
        try await expectFailsThenResumes(["download of asset_", "Timeout was reached"], within: 20)
    }

    @Test("invalid JSON where a job should be: said once as it happens, polled through, the run finishes")
    func invalidJSON() async throws {
        server.inject(.status(200, json: #"{"job": {"jobId": "#), method: "GET", path: "/v1/jobs/", times: 1)
        let (run, _) = try await reframe()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("poll of job_") && run.stderr.contains("not the JSON the API documents, trying again in"), "\(run.stderr)")
        #expect(run.stderr.contains("Scenario answers again"), "\(run.stderr)")
        #expect(server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("polls failing with 500 until --timeout: a line as it happens, the end within seconds of the timeout naming the last error")
    func pollsFailUntilTimeout() async throws {
        server.inject(.serverError(500), method: "GET", path: "/v1/jobs/", times: 100_000)
        let started = Date()
        let run = try await RayKitCLI.run(["reframe", "--video", Fixtures.path("h264_bframes_aac.mp4"), "--prompt", "Extend the street up and down",
                                     "--aspect-ratio", "9:16", "-o", output, "--timeout", "6"],
                                    environment: server.cliEnvironment(extra: ["RAYKIT_RETRY_SECONDS": "2"]), timeout: 60)
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: "HTTP 500").count >= 2, "said as it happened and at the end: \(run.stderr)")
        #expect(run.stderr.components(separatedBy: "trying again in").count == 2, "said once, not per poll: \(run.stderr)")
        #expect(run.stderr.contains("gave no status: Scenario's last answer was HTTP 500"), "\(run.stderr)")
        #expect(!run.stderr.contains("still running"), "\(run.stderr)")
        #expect(seconds < 6 + 5, "took \(seconds) s")
    }

    @Test("an HTML error page (502 from a proxy): its title on one line, retried; after the last try a clear error, the rerun finishes")
    func htmlErrorPage() async throws {
        let page = "<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n"
        server.inject(.status(502, json: page, headers: ["Content-Type": "text/html"]), method: "POST", path: "/v1/uploads", times: 5)
        try await expectFailsThenResumes(["POST /uploads: HTTP 502: an HTML page: 502 Bad Gateway"], within: 10)
    }

    @Test("a 200 without the field asked for (the asset's url): the missing field named; the rerun finishes")
    func missingField() async throws {
        server.inject(.status(200, json: #"{"asset": {"id": "asset_x"}}"#), method: "GET", path: "/v1/assets/", times: 1)
        try await expectFailsThenResumes(["GET /assets/asset_", "the answer has no asset.url"], within: 10)
    }

    @Test("a signed URL that redirects to itself: a redirect loop said as such, not retried; the rerun finishes")
    func redirectLoop() async throws {
        // curl follows 5 redirects: 6 requests in one loop.
        server.inject(.redirectToSelf, method: "GET", path: "/signed/", times: 6)
        try await expectFailsThenResumes(["download of asset_", "redirects in a loop"], within: 10)
        #expect(server.requests("GET", "/signed/").count == 7, "one loop, then the rerun's single request")
    }

    @Test("an expired signed URL (403): each try asks for a fresh URL; after the last a clear error, the rerun finishes")
    func expiredSignature() async throws {
        let expired = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
        server.inject(.status(403, json: expired, headers: ["Content-Type": "application/xml"]), method: "GET", path: "/blob/", times: 5)
        try await expectFailsThenResumes(["download of asset_", "HTTP 403: AccessDenied: Request has expired"], within: 10)
        #expect(server.requests("GET", "/v1/assets/").count == 6, "a fresh signed URL for each of 5 tries, then the rerun's")
    }

    @Test("one expired signed URL: the retry with a fresh one finishes in the same run")
    func expiredOnce() async throws {
        server.inject(.status(403, json: "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                              headers: ["Content-Type": "application/xml"]), method: "GET", path: "/blob/", times: 1)
        let (run, _) = try await reframe()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.requests("GET", "/v1/assets/").count == 2)
    }

    @Test("a dead run's partial beside the output is cleared by the next run that writes it")
    func deadPartialCleared() async throws {
        // 4194304 is Linux's largest pid_max: no process has that id.
        let stale = folder.file(".out.mp4.partial-4194304-12345")
        #expect(FileManager.default.createFile(atPath: stale, contents: Data(repeating: 0, count: 1000)))
        let (run, _) = try await reframe()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    @Test("the output is the source clip: refused before anything is uploaded or submitted; the clip is untouched")
    func outputIsSource() async throws {
        let clip = folder.file("clip.mp4")
        try FileManager.default.copyItem(atPath: Fixtures.path("h264_bframes_aac.mp4"), toPath: clip)
        let before = try Data(contentsOf: URL(fileURLWithPath: clip))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.mp4"), withDestinationPath: clip)
        for target in [clip, folder.file("link.mp4")] {
            let run = try await RayKitCLI.run(["reframe", "--video", clip, "--prompt", "Extend the street up and down, same light",
                                         "--aspect-ratio", "9:16", "-o", target], environment: environment, timeout: 60)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("is the source"), "\(run.stderr)")
        }
        #expect(server.requests("POST", "/v1/generate/").isEmpty && server.requests("POST", "/v1/uploads").isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: clip)) == before)
    }
}
