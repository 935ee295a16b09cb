import Foundation

/// Where and how ``ScenarioClient`` talks to Scenario. Every interval is injectable so tests run in seconds.
public struct ClientConfiguration: Sendable {
    /// Scenario's public API.
    public static let defaultBaseURL = "https://api.cloud.scenario.com/v1"

    /// The API root, without a trailing slash.
    public var baseURL: String
    /// Sent as `?projectId=` on every API call when set.
    public var projectID: String?
    /// Limits for API calls.
    public var apiTimeouts = HTTPTimeouts()
    /// Limits for part uploads and downloads: no total limit, only a stall limit.
    public var transferTimeouts = HTTPTimeouts(connect: 15, total: nil, stalledSeconds: 60)
    public var retry = RetryPolicy()
    public var poll = PollSchedule()
    /// Size of each uploaded part but the last; S3 refuses parts under 5 MiB.
    public var partSize: Int64 = 8 * 1024 * 1024
    /// Seconds an upload may spend being validated by Scenario before RayKit gives up on it.
    public var uploadValidationTimeout = 600.0
    /// Images smaller than this go up as base64 through `POST /assets`; larger ones through `/uploads`.
    public var inlineImageLimit: Int64 = 6_000_000

    public init(baseURL: String = ClientConfiguration.defaultBaseURL, projectID: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.projectID = projectID
    }

    /// Refuses a base URL that would carry the credentials in clear: HTTPS is required, except plain HTTP
    /// to this machine (127.0.0.0/8, ::1, localhost).
    ///
    /// - Parameter name: what the URL is called in the error (the variable it came from, say).
    /// - Throws: `ScenarioError` (`.insecureURL`) naming the URL.
    public func requireSecureBaseURL(calling name: String = "the API URL") throws(ScenarioError) {
        let parts = URLComponents(string: baseURL)
        switch parts?.scheme?.lowercased() {
        case "https": return
        case "http" where parts?.host.map(Self.isLoopback) == true: return
        default: throw ScenarioError(.insecureURL, "\(name) \(baseURL) is not HTTPS: credentials are only sent over HTTPS, or plain HTTP to this machine")
        }
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8 or `::1` (brackets allowed).
    static func isLoopback(_ host: String) -> Bool {
        let name = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        return inet_pton(AF_INET6, name, &v6) == 1 && withUnsafeBytes(of: &v6) { Array($0) } == Array(repeating: 0, count: 15) + [1]
    }

    /// The base URL from `SCENARIO_API_URL` (else Scenario's) and the project from `SCENARIO_PROJECT_ID`.
    ///
    /// For tests and impatient people: `RAYKIT_POLL_SECONDS` sets the first poll interval (growing as usual
    /// to at most 7.5 times it), `RAYKIT_RETRY_SECONDS` the first retry pause, `RAYKIT_API_TIMEOUT_SECONDS`
    /// the limit on each API call (connect and whole exchange; 60 s unless set) and `RAYKIT_STALL_SECONDS` how
    /// long an upload or download may go without 1 kB/s (whole seconds; 60 unless set).
    ///
    /// - Throws: `ScenarioError` (`.insecureURL`) when `SCENARIO_API_URL` is plain HTTP to another machine
    ///   (see ``requireSecureBaseURL(calling:)``).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(ScenarioError) -> ClientConfiguration {
        let url = environment["SCENARIO_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        let project = environment["SCENARIO_PROJECT_ID"].flatMap { $0.isEmpty ? nil : $0 }
        var configuration = ClientConfiguration(baseURL: url, projectID: project)
        try configuration.requireSecureBaseURL(calling: "SCENARIO_API_URL")
        if let poll = environment["RAYKIT_POLL_SECONDS"].flatMap(Double.init), poll > 0 {
            configuration.poll = PollSchedule(initial: poll, factor: 1.5, maximum: poll * 7.5)
        }
        if let retry = environment["RAYKIT_RETRY_SECONDS"].flatMap(Double.init), retry > 0 {
            configuration.retry.baseDelay = retry
        }
        if let limit = environment["RAYKIT_API_TIMEOUT_SECONDS"].flatMap(Double.init), limit > 0 {
            configuration.apiTimeouts = HTTPTimeouts(connect: min(limit, configuration.apiTimeouts.connect), total: limit,
                                                     stalledSeconds: configuration.apiTimeouts.stalledSeconds)
        }
        if let stall = environment["RAYKIT_STALL_SECONDS"].flatMap(Int.init), stall > 0 {
            configuration.transferTimeouts.stalledSeconds = stall
            configuration.transferTimeouts.connect = min(Double(stall), configuration.transferTimeouts.connect)
        }
        return configuration
    }
}

/// How often and how long to retry a request that failed in a passing way (429, 5xx, reset, timeout).
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public var maxAttempts = 5
    /// Seconds before the first retry; doubled each time, with full jitter.
    public var baseDelay = 1.0
    /// The longest pause between tries, in seconds.
    public var maxDelay = 30.0
    /// The longest `Retry-After` honoured, in seconds.
    public var maxRetryAfter = 120.0

    public init(maxAttempts: Int = 5, baseDelay: Double = 1, maxDelay: Double = 30, maxRetryAfter: Double = 120) {
        (self.maxAttempts, self.baseDelay, self.maxDelay, self.maxRetryAfter) = (maxAttempts, baseDelay, maxDelay, maxRetryAfter)
    }

    /// Seconds to wait before try `attempt + 1` (attempt counts from 1): the server's `Retry-After` when
    /// sent, else a random pause up to `baseDelay × 2^(attempt-1)`, at most `maxDelay`.
    func delay(after attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter { return min(max(0, retryAfter), maxRetryAfter) }
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return Double.random(in: ceiling / 2...max(ceiling / 2, ceiling))
    }
}

/// How often a job or an upload is polled: from `initial` seconds, growing by `factor` to `maximum`.
public struct PollSchedule: Sendable {
    public var initial = 2.0
    public var factor = 1.5
    public var maximum = 15.0

    public init(initial: Double = 2, factor: Double = 1.5, maximum: Double = 15) {
        (self.initial, self.factor, self.maximum) = (initial, factor, maximum)
    }

    /// The pause after `interval`.
    func next(after interval: Double) -> Double { min(maximum, interval * factor) }
}
