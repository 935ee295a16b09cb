import ArgumentParser
import Foundation
import RayAPI
import RayPipeline

/// Options of every command that talks to Scenario.
struct RemoteOptions: ParsableArguments {
    @Option(help: "Seconds to wait for each job (default 30 minutes); a job still running then is left to a later run.")
    var timeout: Double = 1800

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
        Interrupt.install()
        let log: @Sendable (String) -> Void = { line in
            if verbose { Output.standardError("raykit: \(line)\n") }
        }
        return ScenarioClient(credentials: credentials, configuration: configuration, log: log, isCancelled: Interrupt.requested)
    }
}

/// Prints a run's events: plain lines on stderr, and a job's progress as one redrawn line when stderr is a terminal.
struct EventPrinter: Sendable {
    let terminal = isatty(STDERR_FILENO) == 1
    let quiet: Bool

    func print(_ event: RunEvent) {
        if let job = event.job {
            guard terminal && !quiet else { return }
            let percent = job.progress.map { String(format: " %3.0f%%", $0 * 100) } ?? ""
            Output.standardError("\r\u{1B}[K\(event.item): \(job.id) \(job.status)\(percent)")
            return
        }
        guard !quiet else { return }
        Output.standardError(((terminal ? "\r\u{1B}[K" : "") + "\(event.item): \(event.message)\n"))
    }
}
