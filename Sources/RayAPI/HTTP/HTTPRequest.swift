import Foundation

/// One HTTP exchange for ``CurlEasy`` to perform.
struct HTTPRequest {
    /// What is sent after the headers.
    enum Body {
        case none
        case data(Data)
        /// `length` bytes of a file from `offset`, streamed from disk.
        case file(path: String, offset: Int64, length: Int64)

        var isFile: Bool { if case .file = self { true } else { false } }
    }

    var method: String
    var url: String
    /// Header lines, `Name: value`.
    var headers: [String] = []
    var body: Body = .none
    /// Follow 3xx answers (signed download URLs redirect).
    var followRedirects = false
    /// Open a new connection rather than reuse a kept-alive one. libcurl sends a request again by itself when a
    /// reused connection turns out dead, which must never happen to a paid submit.
    var freshConnection = false
    /// Stream the answer into this file instead of memory.
    var downloadTo: String?
    var timeouts: HTTPTimeouts
    /// Told the body's bytes sent (a file body) or received so far, and the whole when known, a few times a second.
    var progress: (@Sendable (_ done: Int64, _ total: Int64?) -> Void)?
}

/// How far an upload or a download has got.
public struct TransferProgress: Sendable, Equatable {
    /// Bytes sent or received so far.
    public let bytes: Int64
    /// Bytes in all, when known.
    public let total: Int64?
    /// Seconds since the transfer began.
    public let elapsed: Double

    public init(bytes: Int64, total: Int64?, elapsed: Double) {
        (self.bytes, self.total, self.elapsed) = (bytes, total, elapsed)
    }
}

/// How long a transfer may take before libcurl gives up.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Seconds to establish a connection.
    public var connect: Double
    /// Seconds for a whole API call (request and answer); nil for none.
    public var total: Double?
    /// An upload or download slower than 1 kB/s for this many seconds is abandoned.
    public var stalledSeconds: Int

    public init(connect: Double = 15, total: Double? = 60, stalledSeconds: Int = 60) {
        self.connect = connect
        self.total = total
        self.stalledSeconds = stalledSeconds
    }
}

/// What came back: the final answer's status and headers (after redirects).
struct HTTPResponse {
    var status: Int
    /// Header names lowercased; a repeated header keeps its last value.
    var headers: [String: String]
    /// The body, when not streamed to a file.
    var body: Data
    /// Bytes of body received.
    var bytesReceived: Int64

    /// Adds one header line as libcurl hands it over (`Name: value\r\n`) to `headers`; a status line
    /// (a new answer after a redirect or `100 Continue`) starts a fresh set.
    static func take(headerLine line: String, into headers: inout [String: String]) {
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// `Content-Length` when the server sent one.
    var contentLength: Int64? { headers["content-length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }
}

/// A failed libcurl transfer: the URL (query left out), libcurl's code and its words for it.
struct TransferError: Error, LocalizedError, Sendable {
    let url: String
    /// libcurl's `CURLcode`, for the client's own decisions; never shown or returned by the public API.
    let code: Int
    let message: String
    /// Whether the request certainly never reached the server (no connection was made).
    let neverSent: Bool
    /// Whether the transfer was stopped on request.
    let cancelled: Bool
    /// Whether it ended in a redirect loop (more redirects than allowed): trying again cannot help.
    var redirectLoop = false

    var errorDescription: String? { "\(url): \(message)" }
}
