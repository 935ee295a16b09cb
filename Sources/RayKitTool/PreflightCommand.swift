import ArgumentParser
import Foundation
import RayCanvas
import RayMedia
import RayModels
import RayPipeline

extension PreflightPurpose: ExpressibleByArgument {}

extension RayKit {
    /// `raykit preflight CLIP --for edit|reframe|generate-start`: every violation and risk, with the fix.
    struct PreflightCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preflight",
            abstract: "Check a clip against Ray 3.2's rules and limits before uploading: ready, ready with warnings, or needs fixing.",
            discussion: "--fix OUT.mp4 writes a compliant source (upright, square pixels, MP4, H.264 8-bit or HEVC 10-bit with --hdr, trimmed, size-capped, audio kept) and checks it again."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>

        @Argument(help: "The source clip.")
        var clip: String

        @Option(name: .customLong("for"), help: "edit, reframe or generate-start.")
        var purpose: PreflightPurpose

        @Option(help: "Reframe's target ratio: 9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.")
        var to: SupportedRatio?

        @Option(help: "Output resolution the request will ask for: 540p, 720p or 1080p.")
        var resolution: Resolution = .p720

        @Flag(help: "The request will ask for HDR (keeps 10-bit HLG/PQ in --fix).")
        var hdr = false

        @Option(help: "Write a compliant copy of the clip here and check it.")
        var fix: String?

        @Option(help: "With --fix: keep START-END seconds (default: the first 30 s of a longer clip).")
        var trim: SecondsSpan?

        @Flag(help: "Overwrite the --fix output if it exists.")
        var force = false

        @Flag(help: "No progress bar.")
        var quiet = false

        func validate() throws {
            if trim != nil && fix == nil { throw ValidationError("--trim goes with --fix") }
        }

        func run() async throws {
            options.apply()
            let settings = Preflight.Options(target: to, hdr: hdr, resolution: resolution)
            var report: PreflightReport?
            try Output.reporting {
                let source = Clip(clip)
                report = try Preflight.check(source, for: purpose, settings)
                if let fix {
                    let bar = ProgressBar(enabled: !quiet && !options.json && isatty(STDERR_FILENO) == 1)
                    Interrupt.install()
                    let fixed = try Preflight.fix(source, to: fix, for: purpose, settings, trim: trim?.range,
                                                  overwrite: force, progress: bar.update, isCancelled: Interrupt.requested).report
                    bar.finish()
                    if !options.json { print(PreflightText.describe(report!)) }
                    report = fixed
                }
                if options.json {
                    print(try Output.json(report!))
                } else {
                    print(PreflightText.describe(report!))
                }
            }
            if report?.verdict == .needsFixing { throw ExitCode.failure }
        }
    }
}

/// The human-readable form of a preflight report.
enum PreflightText {
    static func describe(_ report: PreflightReport) -> String {
        var lines = ["\(report.file): \(report.verdict.rawValue) for \(report.purpose.rawValue)"
            + (report.target.map { " to \($0.rawValue)" } ?? "")]
        for finding in report.findings { lines.append("  \(finding.line)") }
        // Each line stays one line, whatever the file names in it hold.
        return lines.map(Output.oneLine).joined(separator: "\n")
    }
}
