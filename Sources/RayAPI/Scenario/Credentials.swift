import Foundation

/// Scenario API credentials: an API key and its secret, sent as HTTP Basic auth.
///
/// The key and secret never appear in descriptions, errors or logs: ``redact(_:)`` removes them.
public struct Credentials: Sendable, CustomStringConvertible {
    let key: String
    let secret: String

    public init(key: String, secret: String) {
        self.key = key
        self.secret = secret
    }

    /// The variables read, in order of preference: Scenario's SDK names first.
    public static let variablePairs = [("SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET"), ("SCENARIO_API_KEY", "SCENARIO_API_SECRET")]

    /// Reads the first complete pair of ``variablePairs`` from `environment`.
    ///
    /// - Throws: `ScenarioError` (`.missingCredentials`) naming both pairs when neither is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(ScenarioError) -> Credentials {
        for (keyName, secretName) in variablePairs {
            if let key = environment[keyName], let secret = environment[secretName], !key.isEmpty, !secret.isEmpty {
                return Credentials(key: key, secret: secret)
            }
        }
        let names = variablePairs.map { "\($0.0) and \($0.1)" }.joined(separator: ", or ")
        throw ScenarioError(.missingCredentials, "no Scenario API credentials: set \(names)")
    }

    /// The `Authorization` header line.
    var authorizationHeader: String { "Authorization: Basic \(basicToken)" }

    private var basicToken: String { Data("\(key):\(secret)".utf8).base64EncodedString() }

    /// `text` with the key, the secret and the Basic token replaced by `[redacted]`.
    public func redact(_ text: String) -> String {
        [basicToken, secret, key].filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    public var description: String { "Credentials([redacted])" }
}
