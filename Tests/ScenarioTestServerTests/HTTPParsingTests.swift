import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import ScenarioTestServer

@Suite struct HTTPParsingTests {
    /// FlyingFox sends no `100 Continue`; a client that sends its body anyway is answered.
    @Test func expectContinueBodiesSentAnywayAreAnswered() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let body = try JSONSerialization.data(withJSONObject: ["prompt": String(repeating: "long ", count: 400)])
        let fd = client.connect()
        defer { close(fd) }
        await client.write(fd, client.head("POST", "/v1/generate/custom/m", [
            "authorization": RawHTTPClient.authorization, "CONTENT-LENGTH": "\(body.count)", "Expect": "100-continue",
            "Connection": "close",
        ]) + body)
        let response = try #require(RawHTTPClient.parse(await client.readAll(fd)))
        #expect(response.status == 200)
        #expect(server.requests.first?.body == body)
    }

    @Test func chunkedBodiesAreDecoded() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let json = Data(#"{"prompt":"chunked cat"}"#.utf8)
        let fd = client.connect()
        defer { close(fd) }
        var wire = client.head("POST", "/v1/generate/custom/m", [
            "Authorization": RawHTTPClient.authorization, "Transfer-Encoding": "chunked", "Connection": "close",
        ])
        wire += Data("5;ext=1\r\n".utf8) + json.prefix(5) + Data("\r\n".utf8)
        wire += Data(String(json.count - 5, radix: 16).utf8) + Data("\r\n".utf8) + json.dropFirst(5) + Data("\r\n0\r\n\r\n".utf8)
        await client.write(fd, wire)
        let response = try #require(RawHTTPClient.parse(await client.readAll(fd)))
        #expect(response.status == 200)
        #expect(server.requests.first?.json?["prompt"] as? String == "chunked cat")
    }

    /// FlyingFox closes on a request it cannot parse, without an answer.
    @Test func malformedRequestsAreClosedUnanswered() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let fd = client.connect()
        defer { close(fd) }
        await client.write(fd, Data("NONSENSE\r\n\r\n".utf8))
        await #expect(client.readAll(fd).isEmpty)
    }

    @Test func stopClosesTheListener() async throws {
        let server = try await ScenarioTestServer()
        await server.stop()
        #expect(!accepts(port: server.port))
    }

    @Test func releasingTheServerStopsIt() async throws {
        var server: ScenarioTestServer? = try await ScenarioTestServer()
        let port = try #require(server?.port)
        #expect(accepts(port: port))
        server = nil
        // It stops in the background: the port closes within moments.
        let deadline = Date().addingTimeInterval(5)
        while accepts(port: port) && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!accepts(port: port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1 at `port`.
    private func accepts(port: Int) -> Bool {
        guard let fd = LoopbackSocket.connect(port: port) else { return false }
        close(fd)
        return true
    }
}
