import Foundation
@testable import RayAPI
import Testing

@Suite("libcurl binding")
struct CurlEasyTests {
    @Test("reads a file:// URL through libcurl")
    func fileURL() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("raykit-curl-\(UUID().uuidString).txt")
        try Data("hello from libcurl".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try CurlEasy().get(path.absoluteString)
        #expect(String(decoding: result.body, as: UTF8.self) == "hello from libcurl")
    }

    @Test("a failed transfer names the URL and libcurl's reason")
    func missing() {
        let error = #expect(throws: TransferError.self) { try CurlEasy().get("file:///nonexistent/raykit.txt") }
        #expect(error?.errorDescription?.hasPrefix("file:///nonexistent/raykit.txt: ") == true)
    }
}
