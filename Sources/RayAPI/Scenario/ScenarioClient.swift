import Foundation

/// Scenario's REST API over libcurl: auth, retries, errors in the API's own words.
///
/// Async calls, safe to make from many tasks at once. They run on libcurl's multi interface (``CurlMulti``),
/// which keeps connections open between calls. Cancelling the calling task stops a call: a transfer within
/// about a second, a pause at once (`.cancelled`).
public final class ScenarioClient: Sendable {
    public let configuration: ClientConfiguration
    let credentials: Credentials
    /// Receives one line per HTTP exchange, secrets removed (for `--verbose`).
    let log: @Sendable (String) -> Void
    /// Pauses the calling task; injectable so tests need not wait.
    let sleep: @Sendable (Double) async -> Void

    public init(credentials: Credentials, configuration: ClientConfiguration,
                log: @escaping @Sendable (String) -> Void = { _ in },
                sleep: @escaping @Sendable (Double) async -> Void = { try? await Task.sleep(for: .seconds($0)) }) {
        self.credentials = credentials
        self.configuration = configuration
        (self.log, self.sleep) = (log, sleep)
    }

    /// An API call: `path` under the base URL (`/jobs/job_1`), JSON in and out. The credentials go only
    /// over HTTPS, or plain HTTP to this machine.
    ///
    /// - Parameters:
    ///   - timeouts: the exchange's limits (the configuration's API limits by default).
    ///   - fresh: on a connection of its own (a paid submit: see ``HTTPRequest/freshConnection``).
    ///   - retrying: which failures may be retried (transient ones by default).
    func call(_ method: String, _ path: String, query: [String: String] = [:], body: Data? = nil, timeouts: HTTPTimeouts? = nil,
              fresh: Bool = false, retrying: (ScenarioError) -> Bool = { $0.isTransient }) async throws(ScenarioError) -> Data {
        try configuration.requireSecureBaseURL()
        var items = query
        if let project = configuration.projectID { items["projectId"] = project }
        let url = configuration.baseURL + path + Self.queryString(items)
        var headers = [credentials.authorizationHeader, "Accept: application/json"]
        if body != nil { headers.append("Content-Type: application/json") }
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body.map { .data($0) } ?? .none,
                                  timeouts: timeouts ?? configuration.apiTimeouts)
        request.freshConnection = fresh
        let response = try await exchange(request, endpoint: "\(method) \(path)", retrying: retrying)
        return response.body
    }

    /// Performs `request`, retrying as `retrying` allows within the retry policy; a non-2xx answer is an error.
    func exchange(_ request: HTTPRequest, endpoint: String, retrying: (ScenarioError) -> Bool) async throws(ScenarioError) -> HTTPResponse {
        var attempt = 1
        while true {
            do {
                return try await once(request, endpoint: endpoint)
            } catch {
                guard attempt < configuration.retry.maxAttempts, retrying(error), !Task.isCancelled else { throw error }
                let pause = configuration.retry.delay(after: attempt, retryAfter: error.retryAfter)
                // The message starts with the endpoint already.
                log("\(error.message); retry \(attempt) of \(configuration.retry.maxAttempts - 1) in \(String(format: "%.1f", pause)) s")
                try await pauseOrStop(pause, endpoint)
                attempt += 1
            }
        }
    }

    /// Sleeps `seconds`; a cancelled task ends the pause at once with `.cancelled`.
    func pauseOrStop(_ seconds: Double, _ what: String) async throws(ScenarioError) {
        await sleep(seconds)
        if Task.isCancelled { throw ScenarioError(.cancelled, "\(what): stopped") }
    }

    private func once(_ request: HTTPRequest, endpoint: String) async throws(ScenarioError) -> HTTPResponse {
        let started = Date()
        let response: HTTPResponse
        do {
            response = try await CurlMulti.shared.perform(request)
        } catch {
            log("\(endpoint) → \(error.message)")
            if error.cancelled { throw ScenarioError(.cancelled, "\(endpoint): stopped") }
            if error.redirectLoop {
                // Not passing: the same URL loops again. Said as such, and not retried.
                throw ScenarioError(.badResponse, "\(endpoint): the server redirects in a loop (\(error.message))")
            }
            var failure = ScenarioError(.transport, credentials.redact("\(endpoint): \(error.message)"))
            failure.neverSent = error.neverSent
            throw failure
        }
        log(String(format: "%@ → %d (%.0f ms, %lld B)", endpoint, response.status, Date().timeIntervalSince(started) * 1000,
                   response.bytesReceived))
        return try Self.accepted(response, endpoint: endpoint, redactingWith: credentials)
    }

    /// `response` when its status is 2xx; else the error its body and headers describe.
    static func accepted(_ response: HTTPResponse, endpoint: String, redactingWith credentials: Credentials) throws(ScenarioError) -> HTTPResponse {
        guard (200..<300).contains(response.status) else { throw APIErrorBody.error(for: response, endpoint: endpoint, redactingWith: credentials) }
        return response
    }

    /// Waits as the retry policy says after failed try `attempt` (the server's `Retry-After` when given), in
    /// steps of at most a second, each announced with the seconds left; cancelling the task ends it early.
    public func pause(afterAttempt attempt: Int, retryAfter: Double?, countdown: (Double) -> Void = { _ in }) async {
        var left = configuration.retry.delay(after: attempt, retryAfter: retryAfter)
        while left > 0 && !Task.isCancelled {
            countdown(left)
            let step = min(1, left)
            await sleep(step)
            left -= step
        }
    }

    /// `?a=1&b=2`, percent-encoded, keys sorted; empty for no items.
    static func queryString(_ items: [String: String]) -> String {
        guard !items.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?")
        return "?" + items.sorted { $0.key < $1.key }.map {
            "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)"
        }.joined(separator: "&")
    }

    /// Decodes an answer, or names the endpoint and what was missing.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(ScenarioError) -> T {
        try Self.decode(type, from: data, endpoint: endpoint)
    }

    /// Decodes an answer, or names the endpoint and what was missing.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, endpoint: String) throws(ScenarioError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw ScenarioError(.badResponse, "\(endpoint): the answer has no \(path)")
        } catch {
            throw ScenarioError(.badResponse, "\(endpoint): the answer is not the JSON the API documents")
        }
    }
}
