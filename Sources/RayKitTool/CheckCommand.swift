import ArgumentParser
import Foundation
import RayPipeline

extension RayKit {
    /// `raykit check reframe|edit|loop`: quality control of a Ray result against its source, with a verdict for scripts.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a Ray result: Reframe fidelity, an Edit's timing and guide frames, a loop's seam. Exit 0 ok, 1 warn, 2 fail.",
            subcommands: [Reframe.self, Edit.self, Loop.self])

        /// Prints a check and exits with its verdict's status.
        static func report<Report: Encodable>(_ report: Report, verdict: CheckVerdict, findings: [CheckFinding], summary: String,
                                              json: Bool) throws {
            if json {
                print(try Output.json(report))
            } else {
                print(Output.oneLine("\(summary): \(verdict.rawValue)"))
                for finding in findings { print("  " + Output.oneLine("\(finding)")) }
            }
            if verdict != .ok { throw ExitCode(verdict.exitStatus) }
        }

        struct Reframe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Find where the source sits in a Reframe result and how faithfully each frame kept it (SSIM, PSNR).")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @Argument(help: "The source clip that was reframed.") var source: String
            @Argument(help: "The Reframe result.") var result: String
            @Option(help: "Write source | result (region outlined) for the worst frames here (PNG).") var sheet: String?

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let check = try ReframeCheck.run(source: source, result: result, sheet: sheet)
                    try Check.report(check, verdict: check.verdict, findings: check.findings,
                                     summary: String(format: "%@: source %@ (predicted %@), median SSIM %.2f", result, check.found.description,
                                                     check.predicted.description, check.medianSSIM), json: options.json)
                }
            }
        }

        struct Loop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "How much the jump from the last frame to the first differs from a usual step (1 = seamless).")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @Argument(help: "The result clip.") var result: String
            @Option(help: "Write the last and first frames side by side here (PNG).") var sheet: String?

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let check = try LoopCheck.run(result, sheet: sheet)
                    try Check.report(check, verdict: check.verdict, findings: check.findings,
                                     summary: String(format: "%@: seam score %.2f", result, check.seamScore), json: options.json)
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Whether an Edit result kept the source's frame count, duration and rate, and landed on its guide frames.")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @Argument(help: "The source clip that was edited.") var source: String
            @Argument(help: "The Edit result.") var result: String
            @Option(help: "The keyframes.json whose stills guided the edit.") var keyframes: String?
            @Option(help: "Write source | guide | result at each keyframe index here (PNG).") var sheet: String?

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let check = try EditCheck.run(source: source, result: result, keyframes: keyframes, sheet: sheet)
                    try Check.report(check, verdict: check.verdict, findings: check.findings,
                                     summary: "\(result): \(check.resultFrames) of \(check.sourceFrames) frames, \(check.guides.count) guide frames checked",
                                     json: options.json)
                }
            }
        }
    }
}
