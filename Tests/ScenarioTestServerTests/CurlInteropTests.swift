import Foundation
import Testing
import RayKitTestSupport
import ScenarioTestServer

private let curlPath = "/usr/bin/curl"

/// The product's client is built on libcurl; these run the `curl` tool against the server to
/// prove it copes with libcurl's own habits (`Expect: 100-continue`, chunked uploads, redirects).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: curlPath)))
struct CurlInteropTests {
    /// Runs curl with these arguments and `stdin` piped in; returns its exit status and standard output.
    func run(_ arguments: [String], stdin: Data = Data()) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curlPath)
        process.arguments = ["--silent", "--show-error", "--max-time", "5"] + arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let bytes = await offThePool { output.fileHandleForReading.readDataToEndOfFile() }
        await process.exited()
        let text = String(decoding: bytes, as: UTF8.self)
        return (process.terminationStatus, text)
    }

    /// A one-part upload created through the API; returns its id and part URL.
    func createUpload(_ server: ScenarioTestServer, fileSize: Int) async throws -> (id: String, url: String) {
        let body = #"{"fileName":"a.mp4","contentType":"video/mp4","fileSize":\#(fileSize),"kind":"video","parts":1}"#
        let (status, output) = try await run(["-u", "\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)",
                                        "-H", "Content-Type: application/json", "-d", body, "\(server.baseURL)/uploads"])
        #expect(status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let upload = try #require(json?["upload"] as? [String: Any])
        let url = try #require((upload["parts"] as? [[String: Any]])?.first?["url"] as? String)
        return (try #require(upload["id"] as? String), url)
    }

    /// Completes a one-part upload and polls it until imported; returns the stored bytes.
    func importedBytes(_ server: ScenarioTestServer, _ id: String) async throws -> Data? {
        server.uploadValidationPolls = 0
        let client = RawHTTPClient(port: server.port)
        await #expect(client.send("POST", "/v1/uploads/\(id)/action", json: ["action": "complete"])?.status == 200)
        let upload = await client.send("GET", "/v1/uploads/\(id)")?.json?["upload"] as? [String: Any]
        return (upload?["entityId"] as? String).flatMap(server.assetData)
    }

    /// FlyingFox sends no `100 Continue`, so curl sends the body after its own wait (1 s).
    @Test func aFileUploadWithExpectContinueArrivesWhole() async throws {
        let server = try await ScenarioTestServer()
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("curl-part-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (id, url) = try await createUpload(server, fileSize: bytes.count)

        let (status, code) = try await run(["-T", file.path, "-w", "%{http_code}", "-o", "/dev/null", url])
        #expect(status == 0 && code == "200")
        #expect(server.requests("PUT", "/s3/").first?.headers["expect"] == "100-continue")
        await #expect(try importedBytes(server, id) == bytes)
    }

    @Test func aStreamedUploadArrivesChunked() async throws {
        let server = try await ScenarioTestServer()
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let (id, url) = try await createUpload(server, fileSize: bytes.count)
        let (status, code) = try await run(["-T", "-", "-w", "%{http_code}", "-o", "/dev/null", url], stdin: bytes)
        #expect(status == 0 && code == "200")
        #expect(server.requests("PUT", "/s3/").first?.headers["transfer-encoding"] == "chunked")
        await #expect(try importedBytes(server, id) == bytes)
    }

    @Test func aSignedDownloadFollowsTheRedirect() async throws {
        let server = try await ScenarioTestServer()
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let id = server.addAsset(bytes)
        let asset = await RawHTTPClient(port: server.port).send("GET", "/v1/assets/\(id)")?.json?["asset"] as? [String: Any]
        let url = try #require(asset?["url"] as? String)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("curl-download-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, _) = try await run(["--location", "--fail", "-o", file.path, url])
        #expect(status == 0)
        #expect(try Data(contentsOf: file) == bytes)
        #expect(server.requests("GET", "/blob/").count == 1)
    }

    @Test func curlReportsTheInjectedFaults() async throws {
        let server = try await ScenarioTestServer()
        let id = server.addAsset(Data(repeating: 1, count: 10_000))
        let credentials = "\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)"
        server.inject(.dropConnection, method: "GET", path: "/v1/assets")
        await #expect(try run(["-u", credentials, "\(server.baseURL)/assets/\(id)"]).status == 52)  // empty reply
        server.inject(.truncateBody, method: "GET", path: "/v1/assets")
        await #expect(try run(["-u", credentials, "\(server.baseURL)/assets/\(id)"]).status == 18)  // partial file
        server.inject(.delay(seconds: 2), method: "GET", path: "/v1/assets")
        await #expect(try run(["--max-time", "0.5", "-u", credentials, "\(server.baseURL)/assets/\(id)"]).status == 28)  // timeout
    }
}
