import Foundation

/// The environment a `raykit` process needs to talk to a local test server quickly.
public enum ScenarioEnvironment {
    /// This process's environment with Scenario's variables pointed at `baseURL`, the test credentials,
    /// and short poll and retry intervals. `extra` overrides; a nil value removes a variable.
    public static func make(baseURL: String, key: String, secret: String, extra: [String: String?] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET", "SCENARIO_API_KEY", "SCENARIO_API_SECRET", "SCENARIO_PROJECT_ID"] {
            environment[name] = nil
        }
        environment["SCENARIO_API_URL"] = baseURL
        environment["SCENARIO_SDK_API_KEY"] = key
        environment["SCENARIO_SDK_API_SECRET"] = secret
        environment["RAYKIT_POLL_SECONDS"] = "0.02"
        environment["RAYKIT_RETRY_SECONDS"] = "0.02"
        for (name, value) in extra { environment[name] = value }
        return environment
    }
}
