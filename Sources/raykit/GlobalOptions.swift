import ArgumentParser
import RayMedia

/// Flags every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Flag(help: "Print machine-readable JSON instead of text.")
    var json = false

    @Flag(help: "Show FFmpeg's own log lines on stderr.")
    var verbose = false

    /// Applies the flags that change library behaviour.
    func apply() {
        FFmpegLog.setVerbose(verbose)
    }
}
