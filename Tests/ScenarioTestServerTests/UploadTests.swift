import Foundation
import Testing
import ScenarioTestServer

@Suite struct UploadTests {
    static let mebibyte = 1024 * 1024

    /// Creates an upload and returns its id and part URLs' targets (path and query).
    func createUpload(_ client: RawHTTPClient, fileSize: Int, parts: Int) async throws -> (id: String, targets: [String]) {
        let response = try #require(await client.send("POST", "/v1/uploads", json: [
            "fileName": "clip.mp4", "contentType": "video/mp4", "fileSize": fileSize, "kind": "video", "parts": parts,
        ]))
        #expect(response.status == 200)
        let upload = try #require(response.json?["upload"] as? [String: Any])
        #expect(upload["status"] as? String == "pending")
        let partList = try #require(upload["parts"] as? [[String: Any]])
        #expect(partList.map { $0["number"] as? Int } == (1...parts).map { $0 })
        let origin = "http://127.0.0.1:\(client.port)/s3/"
        #expect(partList.allSatisfy { ($0["url"] as? String)?.hasPrefix(origin) == true })
        let targets = try partList.map { try #require(RawHTTPClient.target(of: $0["url"])) }
        return (try #require(upload["id"] as? String), targets)
    }

    @Test func threePartsReassembleByteExact() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let parts = [Data(repeating: 1, count: 5 * Self.mebibyte), Data(repeating: 2, count: 5 * Self.mebibyte),
                     Data((0..<1234).map { _ in UInt8.random(in: 0...255) })]
        let (id, targets) = try await createUpload(client, fileSize: parts.map(\.count).reduce(0, +), parts: 3)
        // Out of order on purpose: the server must join them by number.
        for index in [2, 0, 1] {
            let put = try #require(await client.send("PUT", targets[index], body: parts[index], authorized: false))
            #expect(put.status == 200)
            #expect(put.headers["etag"]?.hasPrefix("\"") == true)
        }
        let complete = try #require(await client.send("POST", "/v1/uploads/\(id)/action", json: ["action": "complete"]))
        #expect((complete.json?["upload"] as? [String: Any])?["status"] as? String == "validating")

        let first = try #require(await client.send("GET", "/v1/uploads/\(id)")?.json?["upload"] as? [String: Any])
        #expect(first["status"] as? String == "validating")
        let second = try #require(await client.send("GET", "/v1/uploads/\(id)")?.json?["upload"] as? [String: Any])
        #expect(second["status"] as? String == "imported")
        let assetId = try #require(second["entityId"] as? String)
        #expect(assetId.hasPrefix("asset_"))
        #expect(server.assetData(assetId) == parts.reduce(Data(), +))
        #expect(server.requests("PUT", "/s3/").count == 3)
    }

    @Test func everyPartButTheLastMustBeFiveMebibytes() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let parts = [Data(repeating: 1, count: 5 * Self.mebibyte - 1), Data(repeating: 2, count: 10)]
        let (id, targets) = try await createUpload(client, fileSize: parts[0].count + parts[1].count, parts: 2)
        for (target, part) in zip(targets, parts) { _ = await client.send("PUT", target, body: part, authorized: false) }
        let complete = try #require(await client.send("POST", "/v1/uploads/\(id)/action", json: ["action": "complete"]))
        #expect(complete.status == 400)
        #expect((complete.json?["reason"] as? String)?.contains("EntityTooSmall") == true)
    }

    @Test func aMissingPartOrAWrongSizeRefusesCompletion() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let (missing, _) = try await createUpload(client, fileSize: 10, parts: 1)
        await #expect(client.send("POST", "/v1/uploads/\(missing)/action", json: ["action": "complete"])?.status == 400)

        let (wrongSize, targets) = try await createUpload(client, fileSize: 11, parts: 1)
        _ = await client.send("PUT", targets[0], body: Data(count: 10), authorized: false)
        await #expect(client.send("POST", "/v1/uploads/\(wrongSize)/action", json: ["action": "complete"])?.status == 400)
    }

    @Test func partPUTsRefuseCredentialsAndMissingSignatures() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let (id, targets) = try await createUpload(client, fileSize: 10, parts: 1)
        let withAuth = try #require(await client.send("PUT", targets[0], body: Data(count: 10)))
        #expect(withAuth.status == 400)
        #expect(String(decoding: withAuth.body, as: UTF8.self).contains("<Code>InvalidArgument</Code>"))
        await #expect(client.send("PUT", "/s3/\(id)/1", body: Data(count: 10), authorized: false)?.status == 403)
    }

    @Test func invalidUploadRequestsAreRefused() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        await #expect(client.send("POST", "/v1/uploads", json: ["fileName": "a.mp4", "contentType": "video/mp4", "fileSize": 1, "kind": "video", "parts": 0])?.status == 400)
        await #expect(client.send("POST", "/v1/uploads", json: ["fileName": "a.mp4", "contentType": "video/mp4", "fileSize": "1", "kind": "video", "parts": 1])?.status == 400)
        await #expect(client.send("POST", "/v1/uploads", json: ["fileName": "a.mp4", "fileSize": 1, "kind": "video", "parts": 1])?.status == 400)
    }

    @Test func aFailedUploadReportsItsMessage() async throws {
        let server = try await ScenarioTestServer()
        server.uploadValidationPolls = 0
        server.failNextUpload("Unsupported codec")
        let client = RawHTTPClient(port: server.port)
        let (id, targets) = try await createUpload(client, fileSize: 3, parts: 1)
        _ = await client.send("PUT", targets[0], body: Data([1, 2, 3]), authorized: false)
        _ = await client.send("POST", "/v1/uploads/\(id)/action", json: ["action": "complete"])
        let upload = try #require(await client.send("GET", "/v1/uploads/\(id)")?.json?["upload"] as? [String: Any])
        #expect(upload["status"] as? String == "failed")
        #expect(upload["errorMessage"] as? String == "Unsupported codec")
    }

    @Test func imageBodiesOverTenMegabytesAreRefused() async throws {
        let server = try await ScenarioTestServer()
        let image = String(repeating: "A", count: 10 * 1024 * 1024)
        let response = try #require(await RawHTTPClient(port: server.port).send("POST", "/v1/assets", json: ["image": image, "name": "big.png"]))
        #expect(response.status == 413)
    }

    @Test func imagesUploadAsBase64() async throws {
        let server = try await ScenarioTestServer()
        let client = RawHTTPClient(port: server.port)
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let response = try #require(await client.send("POST", "/v1/assets", json: ["image": png.base64EncodedString(), "name": "still.png"]))
        let asset = try #require(response.json?["asset"] as? [String: Any])
        #expect(asset["mimeType"] as? String == "image/png")
        #expect(asset["name"] as? String == "still.png")
        #expect(server.assetData(try #require(asset["id"] as? String)) == png)
        await #expect(client.send("POST", "/v1/assets", json: ["image": "not base64!", "name": "x.png"])?.status == 400)
        await #expect(client.send("POST", "/v1/assets", json: ["name": "x.png"])?.status == 400)
    }
}
