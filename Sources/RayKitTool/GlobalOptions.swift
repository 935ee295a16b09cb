import ArgumentParser
import RayMedia

/// Flags every subcommand shares; `Log` says in the help what `--verbose` shows in that command.
struct GlobalOptions<Log: VerboseLog>: ParsableArguments {
    @Flag(help: "Print machine-readable JSON instead of text.")
    var json = false

    @Flag(help: ArgumentHelp(Log.help))
    var verbose = false

    /// Applies the flags that change library behaviour.
    func apply() {
        FFmpegLog.setVerbose(verbose)
    }
}

/// What `--verbose` shows in a kind of command, as its help says.
protocol VerboseLog {
    static var help: String { get }
}

/// Commands that read or write media: FFmpeg's log.
enum MediaLog: VerboseLog {
    static let help = "Show FFmpeg's own log lines on stderr."
}

/// Commands that only talk to Scenario (`jobs …`): the HTTP exchanges.
enum ScenarioLog: VerboseLog {
    static let help = "Show each HTTP exchange with Scenario on stderr (secrets removed)."
}

/// Commands that talk to Scenario and work on media (`generate`, `edit`, `reframe`, `pipeline run|resume`).
enum RunLog: VerboseLog {
    static let help = "Show each HTTP exchange with Scenario (secrets removed) and FFmpeg's own log lines on stderr."
}
