import Foundation
import Testing
import ScenarioTestServer

@Suite struct DownloadTests {
    @Test func aSignedURLRedirectsToTheBytes() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let bytes = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let id = server.addAsset(bytes)

        let asset = try #require(await client.send("GET", "/v1/assets/\(id)")?.json?["asset"] as? [String: Any])
        #expect(asset["mimeType"] as? String == "video/mp4")
        let signedTarget = try #require(RawHTTPClient.target(of: asset["url"]))
        #expect(signedTarget.hasPrefix("/signed/\(id)?"))

        let redirect = try #require(await client.send("GET", signedTarget, authorized: false))
        #expect(redirect.status == 302)
        let location = try #require(redirect.headers["location"])
        #expect(location.hasPrefix("/blob/\(id)?"))

        let download = try #require(await client.send("GET", location, authorized: false))
        #expect(download.status == 200)
        #expect(download.body == bytes)
        #expect(download.declaredLength == bytes.count)
        #expect(download.headers["content-type"] == "video/mp4")
    }

    @Test func aSignedURLRefusesCredentials() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let id = server.addAsset(Data([1, 2, 3]))
        let asset = await client.send("GET", "/v1/assets/\(id)")?.json?["asset"] as? [String: Any]
        let signedTarget = try #require(RawHTTPClient.target(of: asset?["url"]))
        await #expect(client.send("GET", signedTarget)?.status == 400)
        await #expect(client.send("GET", "/v1/assets/asset_unknown")?.status == 404)
    }
}
