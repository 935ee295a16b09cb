import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

@Suite("redaction: no key, secret or Basic token in errors or logs")
struct RedactionTests {
    /// The places a secret could leak from an error: its message, its description, its dump.
    static func texts(of error: ScenarioError) -> [String] {
        [error.message, error.localizedDescription, String(describing: error), String(reflecting: error)]
    }

    static func leaks(in texts: [String]) -> [String] {
        texts.filter { text in ScenarioHarness.secrets.contains { text.contains($0) } }
    }

    @Test("credentials print as [redacted]")
    func description() async {
        let credentials = Credentials(key: ScenarioTestServer.apiKey, secret: ScenarioTestServer.apiSecret)
        #expect(Self.leaks(in: ["\(credentials)", String(reflecting: credentials)]).isEmpty)
    }

    @Test("an error body that echoes the credentials is redacted in the error and the log")
    func echoedCredentials() async throws {
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 2 }
        let echo = #"{"apiError":"Bad key \#(ScenarioTestServer.apiKey) with \#(ScenarioTestServer.apiSecret)","error":"Authorization: Basic \#(ScenarioHarness.basicToken)","id":"e1"}"#
        harness.server.inject(.status(500, json: echo), method: "GET", path: "/v1/jobs/", times: 2)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.job("job_1") })
        #expect(error.message.contains("[redacted]"))
        #expect(error.message.contains("Bad key"))
        #expect(Self.leaks(in: Self.texts(of: error)).isEmpty, "\(error.message)")
        #expect(Self.leaks(in: harness.recorder.lines).isEmpty)
    }

    @Test("a long plain-text body is redacted before it is cut short: no part of the secret is left at the cut")
    func redactedBeforeCut() async throws {
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 1 }
        // The summary keeps 200 characters: the secret starts 15 before the cut.
        let padding = String(repeating: "word ", count: 37)
        let body = padding + ScenarioTestServer.apiSecret + " and more words after it"
        harness.server.inject(.status(400, json: body, headers: ["Content-Type": "text/plain"]), method: "GET", path: "/v1/jobs/")
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.job("job_1") })
        #expect(error.message.contains("word word"))
        #expect(!error.message.contains(String(ScenarioTestServer.apiSecret.prefix(15))), "\(error.message)")
        #expect(Self.leaks(in: Self.texts(of: error)).isEmpty)
    }

    @Test("job and upload failures that echo the credentials are redacted")
    func echoedInFailures() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        harness.server.failNextUpload("rejected for key \(ScenarioTestServer.apiKey)")
        let video = try folder.randomFile("clip.mp4", count: 1000)
        let uploadError = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.upload(video.path, kind: .video) })
        #expect(uploadError.kind == .uploadFailed)

        harness.server.scriptNextJob(JobScript(progressPolls: 0, outcome: .failure(error: "secret \(ScenarioTestServer.apiSecret) rejected")))
        let jobId = try await harness.submitJob()
        let jobError = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 5) })
        #expect(jobError.kind == .jobFailed)

        for error in [uploadError, jobError] {
            #expect(Self.leaks(in: Self.texts(of: error)).isEmpty, "\(error.message)")
            #expect(error.message.contains("[redacted]"))
        }
    }

    @Test("a whole run through every kind of fault leaks no secret into errors or log lines")
    func faultyRun() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 3 }
        let server = harness.server
        server.defaultOutput = Data(repeating: 0x42, count: 5000)
        var errors: [ScenarioError] = []
        func attempt<T>(_ body: () async throws(ScenarioError) -> T) async -> T? {
            do { return try await body() } catch { errors.append(error); return nil }
        }

        server.inject(.clientError(429, reason: "Rate limit exceeded", headers: ["Retry-After": "0"]), method: "POST", path: "/v1/assets")
        server.inject(.dropConnection, method: "PUT", path: "/s3/")
        server.inject(.serverError(503), method: "POST", path: "/v1/uploads/")
        server.inject(.serverError(502), method: "GET", path: "/v1/jobs/", times: 4)
        server.inject(.truncateBody, method: "GET", path: "/blob/")
        let image = try folder.randomFile("still.png", count: 10_000)
        let video = try folder.randomFile("clip.mp4", count: 6 * 1024 * 1024)
        let imageAsset = await attempt { () async throws(ScenarioError) in try await harness.client.upload(image.path, kind: .image) }
        let videoAsset = await attempt { () async throws(ScenarioError) in try await harness.client.upload(video.path, kind: .video) }
        #expect(imageAsset != nil && videoAsset != nil)

        let body = Data(#"{"prompt":"x"}"#.utf8)
        server.inject(.serverError(503), method: "POST", path: "/v1/generate/")
        let jobId = await attempt { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: body).jobId } ?? nil
        if let jobId, let job = await attempt({ () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 10) }) {
            _ = await attempt { () async throws(ScenarioError) in try await harness.client.download(job.assetIds[0], to: folder.file("out.mp4")) }
        }

        // Now the failures that end in errors.
        server.inject(.dropConnection, method: "POST", path: "/v1/generate/")
        _ = await attempt { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: body) }
        server.inject(.serverError(504), method: "GET", path: "/v1/jobs/", times: 3)
        _ = await attempt { () async throws(ScenarioError) in try await harness.client.job(jobId ?? "job_x") }
        server.cancelAllowed = false
        _ = await attempt { () async throws(ScenarioError) in try await harness.client.cancel(jobId ?? "job_x") }
        server.inject(.truncateBody, method: "GET", path: "/blob/", times: 10)
        _ = await attempt { () async throws(ScenarioError) in try await harness.client.download(imageAsset?.assetId ?? "asset_x", to: folder.file("still-copy.png")) }
        let stranger = ScenarioClient(credentials: Credentials(key: ScenarioTestServer.apiKey, secret: "not-the-secret"),
                                      configuration: harness.client.configuration, log: { harness.recorder.log($0) })
        _ = await attempt { () async throws(ScenarioError) in try await stranger.job(jobId ?? "job_x") }

        #expect(errors.map(\.kind) == [.submitOutcomeUnknown, .http, .http, .transport, .http])
        #expect(harness.recorder.lines.count > 20)
        let leaked = Self.leaks(in: errors.flatMap(Self.texts(of:)) + harness.recorder.lines)
        #expect(leaked.isEmpty, "leaked: \(leaked)")
        // Signed storage URLs are passwords too: no query string in any error or log line.
        let signed = (errors.flatMap(Self.texts(of:)) + harness.recorder.lines).filter { $0.contains("Signature=") }
        #expect(signed.isEmpty, "signed URLs: \(signed)")
    }
}
