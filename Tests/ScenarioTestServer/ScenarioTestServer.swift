import Foundation

/// A Scenario API look-alike served on 127.0.0.1 for tests (being built on the `server` branch).
public final class ScenarioTestServer: @unchecked Sendable {
    /// The credentials the server accepts.
    public static let apiKey = "test-key-K3Y", apiSecret = "test-secret-S3CR3T"
}
