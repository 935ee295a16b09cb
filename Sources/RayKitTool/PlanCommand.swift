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

        /// Prints the segments of a source longer than the model takes (split unless `--no-split`), in
        /// place of the request `planned` refused for its length (or of any, with `--max-segment-seconds`);
        /// false when the source fits, or is refused.
        static func reportSplit(_ planned: RequestPlan, video: String, model: StepKind, _ split: SplitOptions, json: Bool) throws -> Bool {
            let tooLong = planned.findings.contains { $0.rule == "source.duration" }
            guard !split.noSplit, !video.hasPrefix("asset_"), tooLong || split.maxSegmentSeconds != nil else { return false }
            let clip = Clip(video)
            let (seconds, limit) = (try clip.probe().duration ?? 0, split.maxSegmentSeconds ?? LongTake.limit(for: model))
            guard seconds > limit else { return false }
            let plan = try LongTakeSplitter.plan(clip, maxSeconds: limit)
            if json {
                print(try Output.json(SplitPreview(source: video, seconds: seconds, maxSeconds: limit, plan: plan)))
            } else {
                plan.describe(source: video, seconds: seconds, maxSeconds: limit, model: model).forEach { print(Output.oneLine($0)) }
                print("Each segment's request is planned when it runs; `raykit \(model.rawValue) … --estimate` asks Scenario what each costs.")
            }
            return true
        }

        /// A split plan as `--json` prints it.
        struct SplitPreview: Encodable {
            let source: String
            let seconds: Double
            let maxSeconds: Double
            let plan: SegmentPlan
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
            @OptionGroup var split: SplitOptions

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let planned = try RequestPlanner.edit(parameters.input, video: parameters.video, folder: plan.out, overwrite: plan.force)
                    if try Plan.reportSplit(planned, video: parameters.video, model: .edit, split, json: options.json) { return }
                    try Plan.report(planned, json: options.json)
                }
            }
        }

        struct Reframe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2 Reframe: outpaint a source video to another ratio.")
            @OptionGroup var options: GlobalOptions<MediaLog>
            @OptionGroup var plan: PlanOptions
            @OptionGroup var parameters: ReframeParameters
            @OptionGroup var split: SplitOptions

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let planned = try RequestPlanner.reframe(parameters.input, video: parameters.video, folder: plan.out, overwrite: plan.force)
                    if try Plan.reportSplit(planned, video: parameters.video, model: .reframe, split, json: options.json) { return }
                    try Plan.report(planned, json: options.json)
                }
            }
        }
    }
}
