import Foundation
@testable import RayAPI
import ScenarioTestServer
import Testing

/// A submit is paid for: it is sent again only when the server certainly did not act on it.
@Suite("submit: sent once unless certainly refused")
struct SubmitTests {
    static let body = Data(#"{"prompt":"a red kite over dunes","numOutputs":1,"seed":42}"#.utf8)

    @Test("the body on the wire is the body passed; the answer gives the job id and the cost")
    func submitBody() async throws {
        let harness = try await ScenarioHarness()
        let submission = try await harness.client.submit(model: "model_kling", body: Self.body)
        let posts = harness.server.requests("POST", "/v1/generate/")
        try #require(posts.count == 1)
        #expect(posts[0].path == "/v1/generate/custom/model_kling")
        #expect(posts[0].body == Self.body)
        #expect(posts[0].headers["content-type"] == "application/json")
        #expect(posts[0].query["dryRun"] == nil)
        let jobId = try #require(submission.jobId)
        #expect(harness.server.jobStatus(jobId) == "queued")
        #expect(submission.cost == 12)
    }

    @Test("a dry run returns the cost and creates no job")
    func dryRun() async throws {
        let harness = try await ScenarioHarness()
        // If the dry run made a job, it would take this script and the real job would succeed.
        harness.server.scriptNextJob(JobScript(progressPolls: 0, outcome: .failure(error: "first job created")))
        let quote = try await harness.client.submit(model: "model_kling", body: Self.body, dryRun: true)
        #expect(quote.jobId == nil)
        #expect(quote.cost == 12)
        #expect(harness.server.requests("POST", "/v1/generate/").first?.query["dryRun"] == "true")

        let jobId = try await harness.submitJob()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 5) }
        #expect(error?.message.contains("first job created") == true)
    }

    @Test("the connection dropped after the body went out: .submitOutcomeUnknown, one POST")
    func droppedConnection() async throws {
        let harness = try await ScenarioHarness()
        harness.server.inject(.dropConnection, method: "POST", path: "/v1/generate/", times: 5)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: Self.body) })
        #expect(error.kind == .submitOutcomeUnknown)
        #expect(error.message.contains("POST /generate/custom/m"))
        #expect(harness.server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("a 500, 502 or 504 after submitting: .submitOutcomeUnknown, one POST", arguments: [500, 502, 504])
    func serverErrorIsUnknown(status: Int) async throws {
        let harness = try await ScenarioHarness()
        harness.server.inject(.serverError(status), method: "POST", path: "/v1/generate/", times: 5)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: Self.body) })
        #expect(error.kind == .submitOutcomeUnknown)
        #expect(error.message.contains("HTTP \(status)"))
        #expect(harness.server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("no answer within the timeout after submitting: .submitOutcomeUnknown, one POST")
    func timeoutIsUnknown() async throws {
        let harness = try await ScenarioHarness { $0.apiTimeouts = HTTPTimeouts(connect: 2, total: 3, stalledSeconds: 10) }
        harness.server.inject(.delay(seconds: 8), method: "POST", path: "/v1/generate/", times: 5)
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: Self.body) }
        #expect(error?.kind == .submitOutcomeUnknown)
        #expect(harness.server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("stopped (Ctrl-C) after the body went out: .submitOutcomeUnknown, not a plain cancel")
    func cancelledInFlight() async throws {
        let harness = try await ScenarioHarness()
        let server = harness.server
        server.inject(.delay(seconds: 3), method: "POST", path: "/v1/generate/")
        let client = harness.client
        let submitting = Task { await scenarioError { () async throws(ScenarioError) in try await client.submit(model: "m", body: Self.body) } }
        while server.requests("POST", "/v1/generate/").isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        submitting.cancel()
        let error = await submitting.value
        #expect(error?.kind == .submitOutcomeUnknown)
        #expect(error?.message.contains("may have been created") == true)
        #expect(server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("a 503 is certainly refused: sent again, the same body, and it succeeds")
    func serviceUnavailableResent() async throws {
        let harness = try await ScenarioHarness()
        harness.server.inject(.serverError(503), method: "POST", path: "/v1/generate/")
        let submission = try await harness.client.submit(model: "m", body: Self.body)
        let posts = harness.server.requests("POST", "/v1/generate/")
        #expect(posts.count == 2)
        #expect(posts.allSatisfy { $0.body == Self.body })
        #expect(submission.jobId.flatMap(harness.server.jobStatus) == "queued")
    }

    @Test("a rate-limit 429 is sent again; a concurrency 429 is not and names the action limit")
    func tooManyRequests() async throws {
        let harness = try await ScenarioHarness()
        harness.server.inject(.clientError(429, reason: "Too many requests"), method: "POST", path: "/v1/generate/")
        _ = try await harness.client.submit(model: "m", body: Self.body)
        #expect(harness.server.requests("POST", "/v1/generate/").count == 2)

        let concurrency = try await ScenarioHarness()
        concurrency.server.inject(.status(429, json: #"{"reason":"Too many jobs","details":{"actionLimit":2}}"#),
                                  method: "POST", path: "/v1/generate/", times: 5)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await concurrency.client.submit(model: "m", body: Self.body) })
        #expect(error.kind == .http)
        #expect(error.status == 429)
        #expect(error.actionLimit == 2)
        #expect(error.message.contains("Too many jobs"))
        #expect(concurrency.server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("a 400 is the server's words, sent once")
    func validationError() async throws {
        let harness = try await ScenarioHarness()
        let error = await scenarioError { () async throws(ScenarioError) in
            try await harness.client.submit(model: "m", body: Data(#"{"image":"asset_missing","prompt":"x"}"#.utf8))
        }
        #expect(error?.status == 400)
        #expect(error?.message.contains("Asset not found: asset_missing") == true)
        #expect(harness.server.requests("POST", "/v1/generate/").count == 1)
    }

    @Test("no server listening: a transport error that was never sent, not an unknown outcome")
    func neverConnected() async throws {
        let harness = try await ScenarioHarness()
        await harness.server.stop()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.submit(model: "m", body: Self.body) }
        #expect(error?.kind == .transport)
        #expect(error?.neverSent == true)
        #expect(harness.server.requests.isEmpty)
    }
}
