import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer
import Testing

@Suite("retries: passing failures, backoff, Retry-After, bounds")
struct RetryTests {
    @Test("429 with Retry-After: 1 is sent again after at least a second, then succeeds")
    func retryAfterHonoured() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.clientError(429, reason: "Rate limit exceeded", headers: ["Retry-After": "1"]), method: "GET", path: "/v1/jobs/")
        let start = Date()
        let job = try await harness.client.job(jobId)
        let elapsed = Date().timeIntervalSince(start)
        #expect(job.jobId == jobId)
        #expect(elapsed >= 1.0)
        #expect(elapsed < 5.0, "one pause of a second, not a backoff of its own on top (the tests run side by side)")
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 2)
        #expect(harness.recorder.pauses == [1.0])
    }

    @Test("a Retry-After beyond maxRetryAfter is capped")
    func retryAfterCapped() async throws {
        let harness = try await ScenarioHarness { $0.retry.maxRetryAfter = 0.2 }
        let jobId = try await harness.submitJob()
        harness.server.inject(.clientError(429, reason: "Slow down", headers: ["Retry-After": "3600"]), method: "GET", path: "/v1/jobs/")
        _ = try await harness.client.job(jobId)
        #expect(harness.recorder.pauses == [0.2])
    }

    @Test("Retry-After as an HTTP date: seconds from now, none for a date past")
    func retryAfterDate() async {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let future = formatter.string(from: Date().addingTimeInterval(30))
        let seconds = APIErrorBody.retryAfterSeconds(future)
        #expect(seconds.map { $0 > 28 && $0 <= 30 } == true, "\(future) gave \(String(describing: seconds))")
        #expect(APIErrorBody.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        #expect(APIErrorBody.retryAfterSeconds(" 2 ") == 2)
        #expect(APIErrorBody.retryAfterSeconds("soon") == nil)
    }

    @Test("429 without Retry-After is sent again after growing, jittered pauses")
    func backoff() async throws {
        let harness = try await ScenarioHarness { $0.retry = RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 1) }
        let jobId = try await harness.submitJob()
        harness.server.inject(.clientError(429, reason: "Rate limit exceeded"), method: "GET", path: "/v1/jobs/", times: 3)
        _ = try await harness.client.job(jobId)
        let pauses = harness.recorder.pauses
        try #require(pauses.count == 3)
        // Try n waits between half and all of baseDelay × 2^(n-1).
        for (index, pause) in pauses.enumerated() {
            let ceiling = 0.01 * pow(2, Double(index))
            #expect(pause >= ceiling / 2 && pause <= ceiling, "pause \(index + 1) was \(pause)")
        }
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 4)
    }

    @Test("pauses never exceed maxDelay")
    func maxDelay() async throws {
        let harness = try await ScenarioHarness { $0.retry = RetryPolicy(maxAttempts: 6, baseDelay: 0.02, maxDelay: 0.03) }
        let jobId = try await harness.submitJob()
        harness.server.inject(.serverError(503), method: "GET", path: "/v1/jobs/", times: 5)
        _ = try await harness.client.job(jobId)
        #expect(harness.recorder.pauses.count == 5)
        #expect(harness.recorder.pauses.allSatisfy { $0 <= 0.03 })
    }

    @Test("a burst of three 5xx answers, then success", arguments: [500, 502, 503, 504])
    func burst(status: Int) async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.serverError(status), method: "GET", path: "/v1/jobs/", times: 3)
        let job = try await harness.client.job(jobId)
        #expect(job.status == .queued)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 4)
    }

    @Test("retries are bounded: ten 503s and maxAttempts 3 give an error after exactly 3 requests")
    func bounded() async throws {
        let harness = try await ScenarioHarness { $0.retry.maxAttempts = 3 }
        let jobId = try await harness.submitJob()
        harness.server.inject(.serverError(503), method: "GET", path: "/v1/jobs/", times: 10)
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.job(jobId) })
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 3)
        #expect(error.kind == .http)
        #expect(error.status == 503)
        #expect(error.message.contains("GET /jobs/\(jobId)"))
        #expect(error.message.contains("HTTP 503"))
        #expect(error.message.contains("Injected server error"))
        #expect(error.message.contains("err_injected"))
        let retries = harness.recorder.lines.filter { $0.contains("; retry") }
        #expect(retries.count == 2)
        for line in retries {
            #expect(line.hasPrefix("GET /jobs/\(jobId): HTTP 503: "), "\(line)")
            #expect(line.components(separatedBy: "GET /jobs/").count == 2, "endpoint repeated: \(line)")
        }
    }

    @Test("a 4xx other than 429 is not retried")
    func clientErrorNotRetried() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.clientError(422, reason: "Unprocessable"), method: "GET", path: "/v1/jobs/", times: 3)
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.job(jobId) }
        #expect(error?.status == 422)
        #expect(error?.message.contains("Unprocessable") == true)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 1)
    }

    @Test("a dropped connection on GET /jobs is retried")
    func droppedConnection() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.dropConnection, method: "GET", path: "/v1/jobs/", times: 2)
        let job = try await harness.client.job(jobId)
        #expect(job.jobId == jobId)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 3)
    }

    @Test("a GET slower than the total timeout is abandoned and sent again")
    func slowResponse() async throws {
        // Seconds, not fractions: the tests run side by side on two cores.
        let harness = try await ScenarioHarness { $0.apiTimeouts = HTTPTimeouts(connect: 2, total: 2, stalledSeconds: 10) }
        // Made on the server, not submitted: only the GET is under the 2 s bound.
        let jobId = harness.server.createJob(modelId: "model_test")
        harness.server.inject(.delay(seconds: 8), method: "GET", path: "/v1/jobs/")
        let start = Date()
        let job = try await harness.client.job(jobId)
        let elapsed = Date().timeIntervalSince(start)
        #expect(job.jobId == jobId)
        #expect(elapsed >= 1.9 && elapsed < 7, "took \(elapsed) s")
        // Only the first GET is delayed; on a loaded machine the prompt second may still pass the 2 s bound
        // and be sent a third time (CI saw it once), never more.
        #expect((2...3).contains(harness.server.requests("GET", "/v1/jobs/").count))
        #expect(harness.recorder.lines.contains { $0.contains("GET /jobs/\(jobId)") && $0.contains("retry 1") })
    }

    @Test("upload polls and the complete action ride out passing failures")
    func uploadSteps() async throws {
        let folder = TemporaryDirectory()
        let harness = try await ScenarioHarness()
        let video = try folder.randomFile("clip.mp4", count: 1000)
        harness.server.inject(.serverError(502), method: "POST", path: "/v1/uploads", times: 1)
        harness.server.inject(.dropConnection, method: "GET", path: "/v1/uploads/", times: 2)
        let uploaded = try await harness.client.upload(video.path, kind: .video)
        #expect(harness.server.assetData(uploaded.assetId) == video.data)
    }
}
