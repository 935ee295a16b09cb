import Foundation

/// A failure talking to Scenario, in one line: the endpoint, the status and the server's own words.
public struct ScenarioError: Error, LocalizedError, Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// No API key and secret in the environment.
        case missingCredentials
        /// The API URL is plain HTTP to another machine: the credentials would travel in clear.
        case insecureURL
        /// The server answered with a non-2xx status.
        case http
        /// No complete answer: connection refused or reset, timed out.
        case transport
        /// A submit was sent but its answer was lost: the job may exist and may be charged.
        case submitOutcomeUnknown
        /// The answer was not what the API documents.
        case badResponse
        /// The request cannot be sent as it is (a file not uploaded, a value JSON cannot carry); nothing was sent.
        case invalidRequest
        /// An upload ended `failed`.
        case uploadFailed
        /// A job ended in `failure` or `canceled`.
        case jobFailed
        /// Waiting for a job ran out of time; the job itself may still finish.
        case timedOut
        /// A download was cut short or could not be written.
        case download
        /// Stopped on request (Ctrl-C).
        case cancelled
    }

    public let kind: Kind
    public let message: String
    /// The HTTP status for `.http`.
    public var status: Int?
    /// Seconds the server asked to wait (`Retry-After`).
    public var retryAfter: Double?
    /// For a 429 about jobs in flight: the limit the server named (`details.actionLimit`).
    public var actionLimit: Int?
    /// For `.transport`: no connection was made, so the server never saw the request.
    public var neverSent = false

    public init(_ kind: Kind, _ message: String, status: Int? = nil, retryAfter: Double? = nil, actionLimit: Int? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        self.actionLimit = actionLimit
    }

    public var errorDescription: String? { message }

    /// Whether the same request may be sent again after a pause.
    var isTransient: Bool {
        switch kind {
        case .http: [429, 500, 502, 503, 504].contains(status ?? 0)
        case .transport: true
        default: false
        }
    }

    /// Whether a poll that failed this way may simply be tried again: anything but the server refusing the
    /// poll itself (401, 403, 404) or a stop on request.
    var isPollTrouble: Bool {
        switch kind {
        case .transport, .badResponse: true
        case .http: [408, 425, 429].contains(status ?? 0) || (500..<600).contains(status ?? 0)
        default: false
        }
    }

    /// Whether the server certainly did not act on the request (so even a paid submit may be re-sent).
    var certainlyRefused: Bool {
        kind == .http && [429, 503].contains(status ?? 0)
    }
}
