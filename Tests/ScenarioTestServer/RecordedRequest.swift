import Foundation

/// One request as the server received it, body decoded from any chunked transfer encoding.
public struct RecordedRequest: Sendable {
    /// The method, such as `GET`.
    public let method: String
    /// The path without the query, such as `/v1/jobs/job_1a2b`.
    public let path: String
    /// The query parameters, percent-decoded; the last one wins when a name repeats.
    public let query: [String: String]
    /// The headers with lowercased names; repeated headers are joined with `", "`.
    public let headers: [String: String]
    /// The body bytes (empty when there was none).
    public let body: Data

    /// The body parsed as a JSON object, or nil when it is not one.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The `projectId` query parameter, when the client sent one.
    public var projectId: String? { query["projectId"] }
}

extension RecordedRequest {
    /// Splits a request target such as `/v1/x?a=1&b=%20` into path and decoded query.
    static func split(target: String) -> (path: String, query: [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        var query: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            query[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return (String(target[..<mark]), query)
    }
}
