import Foundation
import Testing
import ScenarioTestServer

@Suite struct JobListTests {
    @Test func jobsAreListedNewestFirstPageByPage() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let ids = (0..<3).map { server.createJob(modelId: "model_\($0)") }
        let first = try #require(await client.send("GET", "/v1/jobs?pageSize=2")?.json)
        let firstJobs = try #require(first["jobs"] as? [[String: Any]])
        #expect(firstJobs.map { $0["jobId"] as? String } == [ids[2], ids[1]])
        let token = try #require(first["nextPaginationToken"] as? String)
        let last = try #require(await client.send("GET", "/v1/jobs?pageSize=2&paginationToken=\(token)")?.json)
        #expect((last["jobs"] as? [[String: Any]])?.map { $0["jobId"] as? String } == [ids[0]])
        #expect(last["nextPaginationToken"] == nil)
    }

    @Test func jobsCarryISO8601TimesWithMilliseconds() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.createJob(modelId: "model_a")
        let job = try await #require((client.send("GET", "/v1/jobs")?.json?["jobs"] as? [[String: Any]])?.first)
        let pattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/
        #expect((job["createdAt"] as? String)?.wholeMatch(of: pattern) != nil)
        #expect((job["updatedAt"] as? String)?.wholeMatch(of: pattern) != nil)
    }

    @Test func theStatusFilterKeepsMatchingJobs() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let done = server.createJob(modelId: "m", script: JobScript(progressPolls: 0, outcome: .canceled))
        server.createJob(modelId: "m")
        _ = await client.send("GET", "/v1/jobs/\(done)")
        let jobs = await client.send("GET", "/v1/jobs?status=canceled")?.json?["jobs"] as? [[String: Any]]
        #expect(jobs?.map { $0["jobId"] as? String } == [done])
    }

    @Test func submitsAreCountedButQuotesAndOutOfBandJobsAreNot() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.createJob(modelId: "model_a")
        await #expect(client.send("POST", "/v1/generate/custom/model_a?dryRun=true", json: ["prompt": "x"])?.status == 200)
        await #expect(client.send("POST", "/v1/generate/custom/model_a", json: ["prompt": "x"])?.status == 200)
        await #expect(client.send("POST", "/v1/generate/custom/model_b", json: ["prompt": "x"])?.status == 200)
        #expect(server.submitCount() == 2)
        #expect(server.submitCount(modelId: "model_a") == 1)
    }

    @Test func theIdShapeNamesTheJobIdId() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.submitAnswerShape = .id
        let job = try #require(await client.send("POST", "/v1/generate/custom/m", json: ["prompt": "x"])?.json?["job"] as? [String: Any])
        #expect(job["jobId"] == nil)
        let id = try #require(job["id"] as? String)
        #expect(server.jobStatus(id) == "queued")
    }
}
