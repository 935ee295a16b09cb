import Foundation
import RayKitTestSupport
import Testing

/// `--help` says what `--verbose` shows in each kind of command.
@Suite("--verbose help")
struct VerboseHelpTests {
    /// The `--verbose` entry of `raykit ARGS… --help`, on one line.
    func verboseHelp(_ arguments: [String]) async throws -> String {
        let help = try await RayKitCLI.run(arguments + ["--help"])
        #expect(help.status == 0, "\(help.stderr)")
        let options = try #require(help.stdout.components(separatedBy: "OPTIONS:").last)
        let entry = try #require(options.components(separatedBy: "\n  --").first { $0.hasPrefix("verbose") })
        return entry.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("a media command shows FFmpeg's log, a remote one the HTTP exchanges without secrets, a run both")
    func saysWhatItShows() async throws {
        let media = try await verboseHelp(["probe"])
        #expect(media.contains("FFmpeg's own log lines") && !media.contains("HTTP"), "\(media)")
        let remote = try await verboseHelp(["jobs", "show"])
        #expect(remote.contains("HTTP exchange with Scenario") && remote.contains("secrets removed") && !remote.contains("FFmpeg"), "\(remote)")
        let run = try await verboseHelp(["reframe"])
        #expect(run.contains("HTTP exchange with Scenario") && run.contains("secrets removed") && run.contains("FFmpeg's own log lines"), "\(run)")
    }
}
