import ArgumentParser
import Foundation
import RayCanvas
import RayMedia
import RayModels
import RayPipeline

/// Options every `plan` subcommand shares.
struct PlanOptions: ParsableArguments {
    @Option(help: "Folder for extracted stills and a fixed source.")
    var out: String = "raykit-plan"

    @Flag(help: "Overwrite files in the folder.")
    var force = false
}

extension RayKit {
    /// `raykit plan generate|edit|reframe`: the request exactly as it would be sent, checked, no network.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build and validate a Ray 3.2 request without sending it: model id, JSON body, files to upload, findings.",
            subcommands: [Generate.self, Edit.self, Reframe.self]
        )

        /// Prints a plan and fails when any error remains.
        static func report(_ plan: RequestPlan, json: Bool) throws {
            if json {
                print(try Output.json(plan))
            } else {
                print("\(plan.model.rawValue): \(plan.verdict.rawValue)\nPOST \(plan.endpoint)")
                print(try Output.json(plan.body))
                for file in plan.files { print("upload \(Output.oneLine(file))") }
                for finding in plan.findings { print("  " + Output.oneLine(finding.line)) }
            }
            if plan.verdict == .needsFixing { throw ExitCode.failure }
        }

        struct Generate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2: text or start/end image to a 5 s or 10 s clip.")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @OptionGroup var plan: PlanOptions
            @OptionGroup var parameters: GenerateParameters

            func run() async throws {
                options.apply()
                try Output.reporting {
                    try Plan.report(try RequestPlanner.generate(parameters.input, folder: plan.out, overwrite: plan.force),
                                    json: options.json)
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2 Edit: restyle a source video.")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @OptionGroup var plan: PlanOptions
            @OptionGroup var parameters: EditParameters

            func run() async throws {
                options.apply()
                try Output.reporting {
                    try Plan.report(try RequestPlanner.edit(parameters.input, video: parameters.video, folder: plan.out,
                                                            overwrite: plan.force), json: options.json)
                }
            }
        }

        struct Reframe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2 Reframe: outpaint a source video to another ratio.")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @OptionGroup var plan: PlanOptions
            @OptionGroup var parameters: ReframeParameters

            func run() async throws {
                options.apply()
                try Output.reporting {
                    try Plan.report(try RequestPlanner.reframe(parameters.input, video: parameters.video, folder: plan.out,
                                                            overwrite: plan.force), json: options.json)
                }
            }
        }
    }
}
