import ArgumentParser
import Foundation
import RayMedia

/// Flags every subcommand shares; `Log` says in the help what `--verbose` shows in that command.
struct GlobalOptions<Log: VerboseLog>: ParsableArguments {
    @Flag(help: "Print machine-readable JSON instead of text.")
    var json = false

    @Flag(help: ArgumentHelp(Log.help))
    var verbose = false

    /// Applies the flags that change library behaviour; with `--verbose`, what reading each file cost is
    /// printed when the command ends.
    func apply() {
        FFmpegLog.setVerbose(verbose)
        guard verbose else { return }
        ReadLedger.start()
        atexit { ReadReport.print() }
    }
}

/// `--verbose`'s last lines: each file read and what reading it cost (opens, packets, decoded frames, seeks).
enum ReadReport {
    static func print() {
        for (file, stats) in ReadLedger.totals() {
            FileHandle.standardError.write(Data("raykit: read \(Output.oneLine(file)): \(stats.summary)\n".utf8))
        }
    }
}

/// What `--verbose` shows in a kind of command, as its help says.
protocol VerboseLog {
    static var help: String { get }
}

/// Commands that read or write media: FFmpeg's log.
enum MediaLog: VerboseLog {
    static let help = "Show FFmpeg's own log lines on stderr, and what reading each file cost (opens, packets, frames decoded, seeks)."
}

/// Commands that only talk to Scenario (`jobs …`): the HTTP exchanges.
enum ScenarioLog: VerboseLog {
    static let help = "Show each HTTP exchange with Scenario on stderr (secrets removed)."
}

/// Commands that talk to Scenario and work on media (`generate`, `edit`, `reframe`, `pipeline run|resume`).
enum RunLog: VerboseLog {
    static let help = "Show each HTTP exchange with Scenario (secrets removed) and FFmpeg's own log lines on stderr."
}
