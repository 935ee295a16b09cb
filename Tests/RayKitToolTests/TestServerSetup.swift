import Foundation
import RayKitTestSupport
import ScenarioTestServer

extension ScenarioTestServer {
    /// A server on 127.0.0.1 whose finished jobs deliver the bytes of the fixture clip `fixture`.
    static func delivering(_ fixture: String) async throws -> ScenarioTestServer {
        let server = try await ScenarioTestServer()
        server.defaultOutput = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(fixture)))
        return server
    }

    /// The environment a `raykit` process needs to use this server with the test credentials; `extra` on top.
    func cliEnvironment(extra: [String: String?] = [:]) -> [String: String] {
        ScenarioEnvironment.make(baseURL: baseURL, key: Self.apiKey, secret: Self.apiSecret, extra: extra)
    }
}
