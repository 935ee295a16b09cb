import Foundation
import Testing
import ScenarioTestServer

@Suite struct FaultTests {
    @Test func aFaultIsConsumedOnce() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.inject(.status(503, json: #"{"apiError":"x","error":"busy","id":"e1"}"#, headers: ["Retry-After": "1"]), method: "GET", path: "/v1/jobs")
        let faulted = try #require(await client.send("GET", "/v1/jobs/job_x"))
        #expect(faulted.status == 503)
        #expect(faulted.headers["retry-after"] == "1")
        #expect(faulted.json?["error"] as? String == "busy")
        await #expect(client.send("GET", "/v1/jobs/job_x")?.status == 404)
    }

    @Test func faultsMatchMethodAndPathPrefixAndCountTimes() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.inject(.serverError(502), method: "POST", path: "/v1/generate", times: 2)
        await #expect(client.send("GET", "/v1/generate/custom/m")?.status == 404)
        var statuses: [Int?] = []
        for _ in 0..<3 { statuses.append(await client.send("POST", "/v1/generate/custom/m", json: ["prompt": "x"])?.status) }
        #expect(statuses == [502, 502, 200])
    }

    @Test func dropConnectionAnswersNothing() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.inject(.dropConnection, method: "POST", path: "/v1/generate")
        await #expect(client.send("POST", "/v1/generate/custom/m", json: ["prompt": "x"]) == nil)
        #expect(server.requests("POST", "/v1/generate").count == 1)
        #expect(await server.waitForRequest("POST", "/v1/generate", timeout: 1))
    }

    @Test func truncateBodySendsLessThanItDeclares() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let bytes = Data(repeating: 9, count: 1000)
        let id = server.addAsset(bytes)
        server.inject(.truncateBody, method: "GET", path: "/blob/")
        let location = try #require(await client.send("GET", signedTarget(client, id), authorized: false)?.headers["location"])
        let truncated = try #require(await client.send("GET", location, authorized: false))
        #expect(truncated.status == 200)
        #expect(truncated.declaredLength == 1000)
        #expect(truncated.body.count == 500)
        await #expect(client.send("GET", location, authorized: false)?.body == bytes)
    }

    @Test func delayAnswersLate() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        server.inject(.delay(seconds: 0.3), method: "GET", path: "/v1/jobs")
        let start = Date()
        await #expect(client.send("GET", "/v1/jobs/job_x")?.status == 404)
        #expect(Date().timeIntervalSince(start) >= 0.3)
    }

    @Test func waitForRequestWaitsForTheAnswer() async throws {
        let server = try await ScenarioTestServer()
        let port = server.port
        #expect(!(await server.waitForRequest("POST", "/v1/generate", timeout: 0.05)))
        server.inject(.delay(seconds: 0.2), method: "POST", path: "/v1/generate")
        Task { _ = await RawHTTPClient(port: port).send("POST", "/v1/generate/custom/m", json: ["prompt": "x"]) }
        #expect(await server.waitForRequest("POST", "/v1/generate", timeout: 5))
        #expect(server.requests("POST", "/v1/generate").count == 1)
    }

    /// The path and query of an asset's signed URL.
    private func signedTarget(_ client: RawHTTPClient, _ id: String) async throws -> String {
        let asset = await client.send("GET", "/v1/assets/\(id)")?.json?["asset"] as? [String: Any]
        return try #require(RawHTTPClient.target(of: asset?["url"]))
    }
}
