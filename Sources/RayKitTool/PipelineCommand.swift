import ArgumentParser
import Foundation
import RayPipeline

extension RayKit {
    /// `raykit pipeline run|resume|status`: many clips through chains of models, resumable, never paying twice.
    struct Pipeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run clips through chains of Ray steps (generate → edit → reframe → crop) with a resumable manifest.",
            subcommands: [Run.self, Resume.self, Status.self])

        struct Run: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Run a pipeline spec (JSON; see the README).")
            @OptionGroup var options: GlobalOptions<RunLog>
            @OptionGroup var remote: RemoteOptions
            @Argument(help: "The spec file.") var spec: String
            @Option(help: "Remote jobs at once (lowered automatically when Scenario says too many are in flight).") var maxInFlight = 4
            @Option(help: "Where the manifest goes (default: OUTPUT_DIR/pipeline.raykit.json).") var manifest: String?
            @Flag(help: "Upload and print what each item's first model step would cost; run nothing.") var estimate = false
            @Flag(help: "Submit and stop; `pipeline resume` later polls and finishes.") var noWait = false
            @OptionGroup var split: SplitOptions

            func run() async throws {
                options.apply()
                let client = try remote.client(verbose: options.verbose)
                var settings = RunSettings()
                (settings.maxInFlight, settings.timeout, settings.estimateOnly, settings.noWait) = (maxInFlight, remote.timeout, estimate, noWait)
                (settings.splitLongTakes, settings.maxSegmentSeconds) = (!split.noSplit, split.maxSegmentSeconds)
                let progress = RunProgress(quiet: options.json || remote.quiet)
                let folder = URL(fileURLWithPath: spec).deletingLastPathComponent().path
                let manifestPath = manifest ?? "OUTPUT_DIR/pipeline.raykit.json"
                let (spec, manifest, json, runSettings) = (spec, manifest, options.json, settings)
                try await Output.cancellable(origin: .pipeline(manifest: manifestPath)) {
                    let loaded = try PipelineSpec.load(spec)
                    let run = try PipelineRun.start(loaded, relativeTo: folder, manifestPath: manifest, client: client, settings: runSettings,
                                                    events: progress.show)
                    try RunReportOutput.print(await run.run(), json: json, origin: .pipeline(manifest: run.manifestPath))
                }
            }
        }

        struct Resume: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Carry on a run from its manifest: finished steps are kept, submitted jobs polled, never submitted again.")
            @OptionGroup var options: GlobalOptions<RunLog>
            @OptionGroup var remote: RemoteOptions
            @Argument(help: "The manifest (pipeline.raykit.json, or OUT.mp4.raykit.json).") var manifest: String
            @Option(help: "Remote jobs at once.") var maxInFlight = 4
            @Flag(help: "Submit again the steps whose earlier submit may or may not have reached Scenario (check its jobs first).")
            var resubmitUnknown = false
            @Flag(help: "Submit again the steps whose job failed.") var retryFailed = false
            @Option(help: ArgumentHelp("Adopt a job already on Scenario (found with `raykit jobs list`) as ITEM's unfinished model step's; repeatable.",
                                       valueName: "ITEM=JOB_ID"))
            var attach: [String] = []

            func validate() throws {
                if let bad = attach.first(where: { $0.split(separator: "=").count != 2 }) {
                    throw ValidationError("--attach takes ITEM=JOB_ID, not \"\(bad)\"")
                }
            }

            func run() async throws {
                options.apply()
                let client = try remote.client(verbose: options.verbose)
                var settings = RunSettings()
                (settings.maxInFlight, settings.timeout) = (maxInFlight, remote.timeout)
                (settings.resubmitUnknown, settings.retryFailed) = (resubmitUnknown, retryFailed)
                for pair in attach {
                    let parts = pair.split(separator: "=").map(String.init)
                    settings.attach[parts[0]] = parts[1]
                }
                let progress = RunProgress(quiet: options.json || remote.quiet)
                let (manifest, json, runSettings) = (manifest, options.json, settings)
                try await Output.cancellable(origin: .pipeline(manifest: manifest)) {
                    let run = try PipelineRun.resume(manifest, client: client, settings: runSettings, events: progress.show)
                    try RunReportOutput.print(await run.run(), json: json, origin: .pipeline(manifest: manifest))
                }
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The state of every item and step in a manifest.")
            // Reads one file and neither decodes media nor talks to Scenario: nothing for --verbose to show.
            @Flag(help: "Print machine-readable JSON instead of text.") var json = false
            @Argument(help: "The manifest.") var manifest: String

            func run() async throws {
                try Output.reporting {
                    let loaded = try PipelineStatus.load(manifest)
                    if json {
                        print(try Output.json(loaded.items))
                    } else {
                        for line in PipelineStatus.table(loaded) { print(line) }
                    }
                }
            }
        }
    }
}
