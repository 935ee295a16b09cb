import ArgumentParser
import RayMedia
import RayPipeline

extension RayKit {
    /// `raykit keyframes CLIP --at … --out DIR`: Ray 3.2 Edit guide frames and their keyframes.json.
    struct Keyframes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract Ray 3.2 Edit guide frames and write keyframes.json (at most 64, ascending, within the clip).",
            discussion: "keyframes.json is an array of { keyframeIndex, file, timestamp } ready for the Edit request."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>
        @OptionGroup var still: StillOptions
        @OptionGroup var frames: FrameTargets

        @Option(help: "Also write a labelled contact sheet (PNG) here.")
        var sheet: String?

        @Option(help: "Instead of --at: pick at most N (up to 64) guide frames from the clip's shots (see raykit shots).")
        var suggest: Int?

        func validate() throws {
            if (frames.at == nil) == (suggest == nil) { throw ValidationError("give --at FRAMES or --suggest N") }
            if let suggest, !(1...64).contains(suggest) { throw ValidationError("--suggest takes 1 to 64 frames") }
        }

        func run() async throws {
            options.apply()
            Interrupt.install()
            try Output.reporting {
                // Shot detection and the stills read the same clip: one open, one index.
                let clip = Clip(frames.clip)
                let selectors: [FrameSelector] = if let suggest {
                    try ShotPlanning.suggestedKeyframes(clip, count: suggest).map(FrameSelector.index)
                } else {
                    try frames.selectors()
                }
                let result = try KeyframeExport.run(clip: clip, still.request(selectors), into: frames.out, sheet: sheet,
                                                    isCancelled: Interrupt.requested)
                if options.json {
                    print(try Output.json(result))
                } else {
                    for k in result.keyframes { print("keyframe \(k.keyframeIndex) @ \(Output.seconds(k.timestamp)) → \(Output.oneLine(k.file))") }
                    print("wrote \(Output.oneLine(result.manifest))" + (result.sheet.map { " and \(Output.oneLine($0))" } ?? ""))
                }
            }
        }
    }
}
