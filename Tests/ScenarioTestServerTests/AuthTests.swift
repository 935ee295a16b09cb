import Foundation
import Testing
import ScenarioTestServer

@Suite struct AuthTests {
    @Test func refusesAPICallsWithoutCredentials() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let response = try #require(await client.send("GET", "/v1/jobs/job_x", authorized: false))
        #expect(response.status == 401)
        #expect(response.json?["reason"] as? String == "Unauthorized")
    }

    @Test func refusesWrongCredentials() async throws {
        let server = try await ScenarioTestServer()
        let wrong = "Basic " + Data("\(ScenarioTestServer.apiKey):nope".utf8).base64EncodedString()
        let response = try #require(await RawHTTPClient(port: server.port).send("GET", "/v1/jobs/job_x", headers: ["Authorization": wrong], authorized: false))
        #expect(response.status == 401)
    }

    @Test func acceptsCredentialsAndRecordsTheProjectId() async throws {
        let server = try await ScenarioTestServer()
        let response = try #require(await RawHTTPClient(port: server.port).send("GET", "/v1/jobs/job_unknown?projectId=proj%201"))
        #expect(response.status == 404)
        let recorded = try #require(server.requests("GET", "/v1/jobs").first)
        #expect(recorded.path == "/v1/jobs/job_unknown")
        #expect(recorded.projectId == "proj 1")
        #expect(recorded.headers["authorization"] == RawHTTPClient.authorization)
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)/v1")
    }
}
