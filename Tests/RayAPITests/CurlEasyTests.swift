import Foundation
@testable import RayAPI
import Testing

@Suite("libcurl binding")
struct CurlEasyTests {
    @Test("reads a file:// URL through libcurl")
    func fileURL() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("raykit-curl-\(UUID().uuidString).txt")
        try Data("hello from libcurl".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try await CurlMulti.shared.perform(HTTPRequest(method: "GET", url: path.absoluteString, timeouts: HTTPTimeouts()))
        #expect(String(decoding: result.body, as: UTF8.self) == "hello from libcurl")
    }

    @Test("a failed transfer names the URL and libcurl's reason")
    func missing() async {
        let request = HTTPRequest(method: "GET", url: "file:///nonexistent/raykit.txt", timeouts: HTTPTimeouts())
        let error = await #expect(throws: TransferError.self) { try await CurlMulti.shared.perform(request) }
        #expect(error?.errorDescription?.hasPrefix("file:///nonexistent/raykit.txt: ") == true)
    }

    @Test("a local file that cannot be opened is named, and the request was never sent")
    func unopenableFile() async {
        let request = HTTPRequest(method: "PUT", url: "http://127.0.0.1:9/part?X-Amz-Signature=abc",
                                  body: .file(path: "/nonexistent/part.bin", offset: 0, length: 10), timeouts: HTTPTimeouts())
        let error = await #expect(throws: TransferError.self) { try await CurlMulti.shared.perform(request) }
        #expect(error?.message == "/nonexistent/part.bin: No such file or directory")
        #expect(error?.neverSent == true)
        #expect(error?.url == "http://127.0.0.1:9/part")
    }
}
