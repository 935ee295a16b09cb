import ArgumentParser
import Foundation
import RayModels
import RayPipeline

/// What `generate`, `edit` and `reframe` add to the options of `plan`.
struct RunOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The finished result (MP4). Its state is kept beside it in OUT.raykit.json.")
    var output: String?

    @Option(help: "Crop the result to a ratio Ray does not make (4:5, 2.39:1) or a size (1080x1350).")
    var cropTo: CropJob.Target?

    @Flag(help: "Upload the inputs and print what the job would cost; run nothing.")
    var estimate = false

    @Flag(help: "Submit, print the job id and exit; run the same command again (or `raykit jobs`) to finish.")
    var noWait = false

    @Flag(help: "Start over, ignoring the state an earlier run left beside the output.")
    var fresh = false

    @Option(help: ArgumentHelp("Adopt a job already on Scenario (found with `raykit jobs list`) as this run's, instead of submitting.",
                               valueName: "JOB_ID"))
    var attach: String?

    @Flag(help: "Submit again when an earlier submit's answer was lost (the job may exist: look with `raykit jobs list` first).")
    var resubmitUnknown = false

    @Flag(help: "Submit again when the earlier job failed (a new paid job).")
    var retryFailed = false

    func validate() throws {
        if output == nil && !estimate && !noWait { throw ValidationError("-o OUT.mp4 is required (unless --estimate or --no-wait)") }
    }
}

/// What `edit` and `reframe` add to ``RunOptions``: their results can take the source's audio back
/// (a generated clip has none to take).
struct AudioOptions: ParsableArguments {
    @Flag(help: "Do not put the source's audio back into the result.")
    var noAudio = false
}

/// How `edit`, `reframe` and their `plan` treat a source longer than the model takes.
struct SplitOptions: ParsableArguments {
    @Flag(help: "Refuse a source longer than the model takes, rather than split it into segments.")
    var noSplit = false

    @Option(help: ArgumentHelp("Longest segment of a split source (default: what the model takes, 30 s).", valueName: "SECONDS"))
    var maxSegmentSeconds: Double?

    func validate() throws {
        if let seconds = maxSegmentSeconds, !(seconds > 2) { throw ValidationError("--max-segment-seconds must be more than 2") }
    }
}

/// What `edit` and `reframe` add to ``SplitOptions`` for running the segments.
struct SegmentRunOptions: ParsableArguments {
    @OptionGroup var split: SplitOptions

    @Option(help: "Segments of a split source running at once (those split at cuts; an in-shot join waits for the segment before).")
    var maxInFlight = 4

    func validate() throws {
        if maxInFlight < 1 { throw ValidationError("--max-in-flight must be at least 1") }
    }
}

/// Runs one model step from the command line and reports it.
enum ModelRun {
    static func run(_ step: StepSpec, video: String?, _ run: RunOptions, noAudio: Bool = false, split: SegmentRunOptions? = nil,
                    _ remote: RemoteOptions, _ global: GlobalOptions<RunLog>) async throws {
        global.apply()
        let client = try remote.client(verbose: global.verbose)
        var settings = RunSettings()
        (settings.timeout, settings.estimateOnly, settings.noWait) = (remote.timeout, run.estimate, run.noWait)
        (settings.resubmitUnknown, settings.retryFailed, settings.spell) = (run.resubmitUnknown, run.retryFailed, Remedy.flag)
        (settings.maxInFlight, settings.splitLongTakes) = (split?.maxInFlight ?? 1, split.map { !$0.split.noSplit } ?? false)
        settings.maxSegmentSeconds = split?.split.maxSegmentSeconds
        var request = SingleRun.Request(step, video: video, output: run.output, cropTo: run.cropTo)
        request.noAudio = noAudio
        if let job = run.attach { settings.attach[request.itemName] = job }
        let progress = RunProgress(quiet: global.json || remote.quiet)
        let (fresh, json, runSettings, runRequest) = (run.fresh, global.json, settings, request)
        try await Output.cancellable {
            let pipeline = try SingleRun.prepare(runRequest, fresh: fresh, client: client, settings: runSettings, events: progress.show)
            try RunReportOutput.print(await pipeline.run(), json: json, origin: .single)
        }
    }
}

extension RayKit {
    /// `raykit generate`: Ray 3.2 from a prompt or stills to a finished clip.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ray 3.2: generate a clip from text or start/end stills, download it and crop it (--crop-to).")
        @OptionGroup var options: GlobalOptions<RunLog>
        @OptionGroup var parameters: GenerateParameters
        @OptionGroup var run: RunOptions
        @OptionGroup var remote: RemoteOptions

        func run() async throws { try await ModelRun.run(.generate(parameters.input), video: nil, run, remote, options) }
    }

    /// `raykit edit`: Ray 3.2 Edit from a local clip to a finished, restyled clip with its audio.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ray 3.2 Edit: preflight, upload, restyle, download, crop, and put the source's audio back.")
        @OptionGroup var options: GlobalOptions<RunLog>
        @OptionGroup var parameters: EditParameters
        @OptionGroup var run: RunOptions
        @OptionGroup var audio: AudioOptions
        @OptionGroup var split: SegmentRunOptions
        @OptionGroup var remote: RemoteOptions

        func run() async throws {
            try await ModelRun.run(.edit(parameters.input), video: parameters.video, run, noAudio: audio.noAudio, split: split, remote, options)
        }
    }

    /// `raykit reframe`: Ray 3.2 Reframe from a local clip to a finished clip in another ratio, with its audio.
    struct Reframe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ray 3.2 Reframe: preflight, upload, outpaint to a new ratio, download, crop, and put the source's audio back.")
        @OptionGroup var options: GlobalOptions<RunLog>
        @OptionGroup var parameters: ReframeParameters
        @OptionGroup var run: RunOptions
        @OptionGroup var audio: AudioOptions
        @OptionGroup var split: SegmentRunOptions
        @OptionGroup var remote: RemoteOptions

        func run() async throws {
            try await ModelRun.run(.reframe(parameters.input), video: parameters.video, run, noAudio: audio.noAudio, split: split, remote, options)
        }
    }
}
