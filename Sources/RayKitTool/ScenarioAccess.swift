import ArgumentParser
import Foundation
import RayAPI
import RayPipeline

/// Options of every command that talks to Scenario.
struct RemoteOptions: ParsableArguments {
    @Option(help: "Seconds to wait for each job (default 30 minutes); a job still running then is left to a later run.")
    var timeout: Double = 1800

    @Flag(help: "Show no progress: only results and errors.")
    var quiet = false

    /// A client from the environment's credentials and URLs; `--verbose` logs each exchange (secrets removed).
    ///
    /// Missing credentials, or an API URL that would carry them in clear, end the command here, before any
    /// local work or request.
    func client(verbose: Bool) throws -> ScenarioClient {
        let (credentials, configuration): (Credentials, ClientConfiguration)
        do { (credentials, configuration) = (try Credentials.fromEnvironment(), try ClientConfiguration.fromEnvironment()) } catch {
            Output.error(error)
            throw ExitCode.failure
        }
        let log: @Sendable (String) -> Void = { line in
            if verbose { Output.standardError("raykit: \(line)\n") }
        }
        return ScenarioClient(credentials: credentials, configuration: configuration, log: log)
    }
}
