import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RayKitTestSupport
import ScenarioTestServer

/// A response as the bytes came off the socket.
struct RawResponse: Sendable {
    let status: Int
    /// Lowercased names.
    let headers: [String: String]
    let body: Data

    /// The body parsed as a JSON object.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// The `Content-Length` the server declared.
    var declaredLength: Int? { headers["content-length"].flatMap { Int($0) } }
}

/// A tiny HTTP/1.1 client on a raw socket, so the tests see exactly what the server writes. Its blocking socket
/// calls run off Swift's concurrency pool, which the in-process server beside it needs.
struct RawHTTPClient: Sendable {
    let port: Int

    /// HTTP Basic credentials the server accepts.
    static let authorization = "Basic " + Data("\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)".utf8).base64EncodedString()

    /// A connected socket to the server; reads time out after 5 seconds.
    func connect() -> Int32 {
        guard let fd = LoopbackSocket.connect(port: port) else { preconditionFailure("connect to 127.0.0.1:\(port) failed") }
        return fd
    }

    /// Sends a request with `Connection: close` and reads until the server closes; nil when it
    /// closed without a byte.
    ///
    /// - Parameters:
    ///   - target: path and query, such as `/v1/jobs/job_1?x=1`.
    ///   - json: a JSON object sent as the body with `Content-Type: application/json`.
    ///   - authorized: whether to send the API's Basic credentials.
    func send(_ method: String, _ target: String, json: [String: Any]? = nil, body: Data = Data(),
              headers: [String: String] = [:], authorized: Bool = true) async -> RawResponse? {
        var headers = headers
        var body = body
        if let json {
            body = try! JSONSerialization.data(withJSONObject: json)
            headers["Content-Type"] = "application/json"
        }
        if authorized { headers["Authorization"] = Self.authorization }
        headers["Content-Length"] = "\(body.count)"
        headers["Connection"] = "close"
        let request = head(method, target, headers) + body
        return await offThePool { [self] in
            let fd = connect()
            defer { close(fd) }
            writeNow(fd, request)
            return Self.parse(readNow(fd))
        }
    }

    /// Sends a bodiless request on an open connection and reads exactly one answer, by its
    /// `Content-Length`, leaving the connection open for the next.
    func exchange(_ fd: Int32, _ method: String, _ target: String) async -> RawResponse? {
        await write(fd, head(method, target, ["Authorization": Self.authorization, "Content-Length": "0"]))
        return Self.parse(await readAll(fd) { raw in Self.parse(raw).map { $0.body.count >= $0.declaredLength ?? 0 } ?? false })
    }

    /// The request line and headers, ending in the blank line.
    func head(_ method: String, _ target: String, _ headers: [String: String]) -> Data {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    /// Writes every byte.
    func write(_ fd: Int32, _ data: Data) async {
        await offThePool { [self] in writeNow(fd, data) }
    }

    /// Reads until the server closes the connection or `stop` says the bytes so far suffice.
    func readAll(_ fd: Int32, until stop: @escaping @Sendable (Data) -> Bool = { _ in false }) async -> Data {
        await offThePool { [self] in readNow(fd, until: stop) }
    }

    private func writeNow(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = LoopbackSocket.send(fd, raw.baseAddress! + offset, raw.count - offset)
                precondition(sent > 0, "send failed")
                offset += sent
            }
        }
    }

    private func readNow(_ fd: Int32, until stop: (Data) -> Bool = { _ in false }) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !stop(data) {
            let got = recv(fd, &chunk, chunk.count, 0)
            if got <= 0 { break }
            data += chunk[0..<got]
        }
        return data
    }

    /// The path and query of a URL found in a JSON answer, to send to this server.
    static func target(of url: Any?) -> String? {
        guard let text = url as? String, let components = URLComponents(string: text) else { return nil }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Splits raw response bytes into status, headers and body; nil when there is no status line.
    static func parse(_ raw: Data) -> RawResponse? {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawResponse(status: status, headers: headers, body: Data(raw[end.upperBound...]))
    }
}
