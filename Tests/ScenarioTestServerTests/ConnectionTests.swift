import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import ScenarioTestServer

@Suite struct ConnectionTests {
    @Test func aClientThatReusesItsConnectionOpensOne() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let jobId = server.createJob(modelId: "model_a")
        let fd = client.connect()
        defer { close(fd) }
        var statuses: [Int?] = []
        for _ in 0..<100 { statuses.append(await client.exchange(fd, "GET", "/v1/jobs/\(jobId)")?.status) }
        #expect(statuses == Array(repeating: 200, count: 100))
        #expect(server.connectionCount == 1)
        await #expect(client.send("GET", "/v1/jobs/\(jobId)")?.status == 200)
        #expect(server.connectionCount == 2)
    }

    @Test func requestHeadersAreRecordedInLowercase() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        _ = await client.send("GET", "/v1/jobs", headers: ["User-Agent": "raykit/1.0 (test)"])
        #expect(server.requests.first?.headers["user-agent"] == "raykit/1.0 (test)")
    }
}
