import Foundation
@testable import RayAPI
import ScenarioTestServer
import Testing

@Suite("jobs: polling until the end, failures, timeouts, cancelling")
struct JobTests {
    @Test("wait() follows queued, warming-up, in-progress to success and returns every output id")
    func waitToSuccess() async throws {
        let harness = try await ScenarioHarness()
        let outputs = [Data("first output".utf8), Data("second output".utf8)]
        harness.server.scriptNextJob(JobScript(progressPolls: 4, outcome: .success(outputs: outputs)))
        let jobId = try await harness.submitJob()
        let seen = Recorder()
        let job = try await harness.client.wait(for: jobId, timeout: 10) { if case .status(let job) = $0 { seen.log(job.status.rawValue) } }

        #expect(job.status == .success)
        #expect(job.jobId == jobId)
        #expect(seen.lines == ["queued", "warming-up", "in-progress", "in-progress", "success"])
        #expect(job.assetIds.count == 2)
        #expect(job.assetIds.map { harness.server.assetData($0) } == outputs)
        #expect(harness.server.requests("GET", "/v1/jobs/\(jobId)").count == 5)
    }

    @Test("a finished job written as JSON reads back the same, outputs and all")
    func jobRoundTrip() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 0, outcome: .success(outputs: [Data("a".utf8), Data("b".utf8)])))
        let job = try await harness.client.wait(for: try await harness.submitJob(), timeout: 10)
        let decoded = try JSONDecoder().decode(Job.self, from: JSONEncoder().encode(job))
        #expect(job.assetIds.count == 2)
        #expect(decoded == job)
    }

    @Test("polls wait longer each time, from the configured initial pause to the maximum")
    func pollBackoff() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 6, outcome: .success(outputs: [Data("x".utf8)])))
        let jobId = try await harness.submitJob()
        _ = try await harness.client.wait(for: jobId, timeout: 10)
        let pauses = harness.recorder.pauses
        #expect(pauses.count == 6)
        #expect(pauses.first == 0.01)
        #expect(zip(pauses, pauses.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(pauses.max() == 0.05)
    }

    @Test("a failed job is .jobFailed with metadata.error")
    func failedJob() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 1, outcome: .failure(error: "NSFW content detected in output")))
        let jobId = try await harness.submitJob()
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 10) })
        #expect(error.kind == .jobFailed)
        #expect(error.message.contains("NSFW content detected in output"))
        #expect(error.message.contains(jobId))
    }

    @Test("a job canceled elsewhere is .jobFailed saying so")
    func canceledJob() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 0, outcome: .canceled))
        let jobId = try await harness.submitJob()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 10) }
        #expect(error?.kind == .jobFailed)
        #expect(error?.message.contains("canceled") == true)
    }

    @Test("polls that keep failing with 502 do not end wait(): the trouble is said once, then its end, each poll tried once")
    func pollFailureDoesNotEndWait() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.serverError(502), method: "GET", path: "/v1/jobs/", times: 6)
        let notes = Recorder()
        let job = try await harness.client.wait(for: jobId, timeout: 10) { note in
            switch note {
            case .status(let job): notes.log("status \(job.status)")
            case .trouble(let words, _): notes.log("trouble \(words)")
            case .recovered: notes.log("recovered")
            }
        }
        #expect(job.status == .success)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 6 + 3)
        let troubles = notes.lines.filter { $0.hasPrefix("trouble") }
        #expect(troubles.count == 1, "the same trouble said once: \(notes.lines)")
        #expect(troubles.first?.contains("HTTP 502") == true && troubles.first?.contains("GET /jobs/") == false, "\(troubles)")
        #expect(Array(notes.lines.prefix(2)) == [troubles.first ?? "", "recovered"], "\(notes.lines)")
    }

    @Test("an HTML page or cut JSON where a job's status should be is polled through, like a 500")
    func unreadablePollsGoOn() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.status(502, json: "<html><title>502 Bad Gateway</title></html>", headers: ["Content-Type": "text/html"]),
                              method: "GET", path: "/v1/jobs/", times: 2)
        harness.server.inject(.status(200, json: #"{"job": {"jobId": "#), method: "GET", path: "/v1/jobs/", times: 2)
        let job = try await harness.client.wait(for: jobId, timeout: 10)
        #expect(job.status == .success)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 4 + 3)
    }

    @Test("polls failing until the timeout: the wait ends within a second of it and names the server's last error")
    func timeoutNamesLastError() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        harness.server.inject(.serverError(500), method: "GET", path: "/v1/jobs/", times: 100_000)
        let started = Date()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 1.5) }
        #expect(error?.kind == .timedOut)
        #expect(error?.message.contains("HTTP 500") == true && error?.message.contains("still running") == false, "\(error?.message ?? "")")
        #expect(Date().timeIntervalSince(started) < 2.5)
    }

    @Test("a status the API never documented is logged and polled through")
    func unknownStatus() async throws {
        let harness = try await ScenarioHarness()
        let jobId = try await harness.submitJob()
        let odd = #"{"job":{"jobId":"\#(jobId)","status":"paused-for-maintenance","metadata":{"assetIds":[]}}}"#
        harness.server.inject(.status(200, json: odd), method: "GET", path: "/v1/jobs/", times: 2)
        let seen = Recorder()
        let job = try await harness.client.wait(for: jobId, timeout: 10) { if case .status(let job) = $0 { seen.log(job.status.rawValue) } }
        #expect(job.status == .success)
        #expect(seen.lines.prefix(2) == ["paused-for-maintenance", "paused-for-maintenance"])
        #expect(harness.recorder.lines.contains { $0.contains("unknown status \"paused-for-maintenance\"") })
    }

    @Test("waiting longer than the timeout is .timedOut, and the job goes on")
    func timeout() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 100_000, outcome: .success(outputs: [])))
        let jobId = try await harness.submitJob()
        let start = Date()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: jobId, timeout: 0.3) }
        #expect(error?.kind == .timedOut)
        #expect(error?.message.contains(jobId) == true)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(["queued", "warming-up", "in-progress"].contains(harness.server.jobStatus(jobId)), "not cancelled, not finished")
        #expect(harness.server.requests("POST", "/v1/jobs").isEmpty)
    }

    @Test("cancelling the task in wait() (Ctrl-C) is .cancelled at once and leaves the job running")
    func stopWaiting() async throws {
        let harness = try await ScenarioHarness { $0.poll = PollSchedule(initial: 0.2, factor: 1, maximum: 0.2) }
        harness.server.scriptNextJob(JobScript(progressPolls: 100_000, outcome: .success(outputs: [])))
        let jobId = try await harness.submitJob()
        let (server, client) = (harness.server, harness.client)
        let waiting = Task { await scenarioError { () async throws(ScenarioError) in try await client.wait(for: jobId, timeout: 10) } }
        while server.requests("GET", "/v1/jobs/").count < 3 { try await Task.sleep(for: .milliseconds(10)) }
        let cancelled = Date()
        waiting.cancel()
        let error = await waiting.value
        #expect(Date().timeIntervalSince(cancelled) < 0.5, "a pause ends at once")
        #expect(error?.kind == .cancelled)
        #expect(server.jobStatus(jobId) == "in-progress")
        #expect(server.requests("POST", "/v1/jobs/").isEmpty)
    }

    @Test("cancel() sends {\"action\":\"cancel\"} and the job ends canceled")
    func cancel() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 100, outcome: .success(outputs: [])))
        let jobId = try await harness.submitJob()
        try await harness.client.cancel(jobId)
        let actions = harness.server.requests("POST", "/v1/jobs/\(jobId)/action")
        #expect(actions.map { $0.json?["action"] as? String } == ["cancel"])
        #expect(harness.server.jobStatus(jobId) == "canceled")
    }

    @Test("a refused cancel is an error in the server's words, not retried")
    func cancelRefused() async throws {
        let harness = try await ScenarioHarness()
        harness.server.cancelAllowed = false
        let jobId = try await harness.submitJob()
        let error = try #require(await scenarioError { () async throws(ScenarioError) in try await harness.client.cancel(jobId) })
        #expect(error.kind == .http)
        #expect(error.status == 400)
        #expect(error.message.contains("Cannot cancel this type of job"))
        #expect(error.message.contains("/jobs/\(jobId)/action"))
        #expect(harness.server.requests("POST", "/v1/jobs/\(jobId)/action").count == 1)
        #expect(harness.server.jobStatus(jobId) != "canceled")
    }

    @Test("an unknown job is a 404 naming it, not retried")
    func unknownJob() async throws {
        let harness = try await ScenarioHarness()
        let error = await scenarioError { () async throws(ScenarioError) in try await harness.client.wait(for: "job_missing", timeout: 5) }
        #expect(error?.status == 404)
        #expect(error?.message.contains("job_missing") == true)
        #expect(harness.server.requests.count == 1)
    }
}

@Suite("connections")
struct ConnectionReuseTests {
    @Test("a submit and 100 polls travel over one kept-alive connection")
    func hundredPollsOneConnection() async throws {
        let harness = try await ScenarioHarness()
        harness.server.scriptNextJob(JobScript(progressPolls: 100, outcome: .success(outputs: [Data([1])])))
        let jobId = try await harness.submitJob()
        let job = try await harness.client.wait(for: jobId, timeout: 60)
        #expect(job.status == .success)
        #expect(harness.server.requests("GET", "/v1/jobs/").count == 101)
        #expect(harness.server.connectionCount == 1)
    }
}
