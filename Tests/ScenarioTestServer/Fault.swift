import Foundation

/// A misbehaviour the server plays instead of (or on top of) a route's normal answer.
///
/// Inject one with `ScenarioTestServer.inject(_:method:path:times:)`; the next request that
/// matches consumes it. Faults are checked after the request has been read in full.
public enum Fault: Sendable {
    /// Answer this status and raw JSON body instead of the route; `headers` are added to the answer
    /// (`Content-Type: application/json` unless they name another).
    case status(Int, json: String, headers: [String: String] = [:])
    /// Read the request fully, then close the socket without writing a byte.
    case dropConnection
    /// Sleep this many seconds, then answer normally (for a response slower than the client's timeout).
    case delay(seconds: Double)
    /// Answer normally, but send only the first half of the body after declaring its full
    /// `Content-Length`, then close (an empty body, as in a redirect, stays whole).
    case truncateBody
    /// Answer `302 Found` with `Location` naming the request's own path and query: a redirect loop,
    /// as a misconfigured CDN answers a signed URL. Each request in the loop consumes one use.
    case redirectToSelf

    /// A 5xx answer in Scenario's server-error shape, `{"apiError", "error", "id"}`.
    ///
    /// - Parameter status: the HTTP status, 500 unless told.
    public static func serverError(_ status: Int = 500) -> Fault {
        .status(status, json: #"{"apiError":"InternalServerError","error":"Injected server error","id":"err_injected"}"#)
    }

    /// A 4xx answer in Scenario's client-error shape, `{"reason", "name", "details"}`.
    ///
    /// - Parameters:
    ///   - status: the HTTP status, such as 400 or 429.
    ///   - reason: the human-readable reason.
    ///   - headers: extra headers, such as `["Retry-After": "1"]`.
    public static func clientError(_ status: Int, reason: String, headers: [String: String] = [:]) -> Fault {
        let body: [String: Any] = ["reason": reason, "name": "InjectedError", "details": [String: Any]()]
        let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return .status(status, json: String(decoding: data, as: UTF8.self), headers: headers)
    }
}

/// An injected fault waiting for a request that matches it.
struct FaultRule {
    let fault: Fault
    let method: String
    let pathPrefix: String
    var remaining: Int

    /// Whether a request with this method and path (no query) triggers the fault.
    func matches(method: String, path: String) -> Bool {
        remaining > 0 && self.method == method && path.hasPrefix(pathPrefix)
    }
}
