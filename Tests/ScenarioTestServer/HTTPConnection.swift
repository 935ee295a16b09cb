import Foundation
import Glibc

/// One accepted socket: reads a single HTTP/1.1 request and writes a single answer.
///
/// Understands `Content-Length` and `Transfer-Encoding: chunked` bodies and answers
/// `Expect: 100-continue` before reading the body, as libcurl expects for uploads over 1 KiB.
final class HTTPConnection {
    /// Why a request could not be read.
    enum ReadError: Error {
        /// The peer closed the socket or it timed out before the request was complete.
        case closed
        /// The bytes are not a request this server understands.
        case malformed(String)
    }

    private let fd: Int32
    private var isOpen = true
    /// Bytes received but not yet parsed start at `start`.
    private var buffer: [UInt8] = []
    private var start = 0

    /// How long a read waits for the peer, in seconds, before the connection is given up.
    private static let readTimeout = 10

    /// Takes ownership of an accepted socket, closing it on `close()` or at deinit.
    init(fd: Int32) {
        self.fd = fd
        var timeout = timeval(tv_sec: Self.readTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    /// Closes the socket; later writes are ignored.
    func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(fd)
    }

    /// Reads one request: request line, headers, then the body.
    ///
    /// - Throws: `ReadError`.
    func readRequest() throws(ReadError) -> RecordedRequest {
        let requestLine = try readLine().split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw .malformed("request line")
        }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("header line") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunkedBody()
        } else if let length = headers["content-length"] {
            guard let count = Int(length), count >= 0 else { throw .malformed("Content-Length") }
            body = try read(count)
        } else {
            body = []
        }
        let (path, query) = RecordedRequest.split(target: String(requestLine[1]))
        return RecordedRequest(method: String(requestLine[0]), path: path, query: query, headers: headers, body: Data(body))
    }

    /// Writes an answer and closes; with `truncated`, only the first half of the body (rounded down)
    /// follows the full `Content-Length`.
    func respond(_ response: HTTPResponse, truncated: Bool = false) {
        write(response.head)
        write(truncated ? response.body.prefix(response.body.count / 2) : response.body)
        close()
    }

    /// Sends every byte, giving up silently if the peer is gone (never raising SIGPIPE).
    private func write(_ data: Data) {
        guard isOpen else { return }
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 && errno == EINTR { continue }
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    private func readChunkedBody() throws(ReadError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeField = try readLine().split(separator: ";", maxSplits: 1).first ?? ""
            guard let size = Int(sizeField.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw .malformed("chunk size")
            }
            if size == 0 { break }
            body += try read(size)
            guard try readLine().isEmpty else { throw .malformed("chunk end") }
        }
        while try !readLine().isEmpty {}  // trailers
        return body
    }

    /// Reads up to CRLF (or a bare LF), without the line end; headers are limited to 64 KiB a line.
    private func readLine() throws(ReadError) -> String {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            guard buffer.count - start < 65_536 else { throw .malformed("line too long") }
            try fill()
        }
    }

    private func read(_ count: Int) throws(ReadError) -> [UInt8] {
        while buffer.count - start < count { try fill() }
        defer { start += count }
        return Array(buffer[start..<start + count])
    }

    /// Appends what the socket has to the buffer, dropping consumed bytes first.
    private func fill() throws(ReadError) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = recv(fd, &chunk, chunk.count, 0)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw .closed }
            buffer += chunk[0..<got]
            return
        }
    }
}
