import ArgumentParser
import RayMedia
import RayPipeline

extension RayKit {
    /// `raykit shots CLIP`: hard cuts, dissolves and each shot's span and representative frame.
    struct Shots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find a clip's shots: hard cuts at their exact frame, dissolves and fades as spans, one representative frame each.",
            discussion: """
                Measured on 64x36 thumbnails: on long clips the keyframes first, then the reference pictures where they may hide a \
                change, then every frame around the places where those change (--decode); `raykit keyframes CLIP --suggest N` turns the shots into Edit guide frames.
                """)

        @OptionGroup var options: GlobalOptions<MediaLog>

        @Argument(help: "The clip.")
        var clip: String

        @Option(help: "Frames decoded: auto, full (every frame), sparse (keyframes, then reference pictures, then every frame around candidates). The same cuts, dissolves and flashes either way.")
        var decode = ShotDetector.Decoding.automatic

        func run() async throws {
            options.apply()
            try Output.reporting {
                let report = try ShotPlanning.shots(Clip(clip), decoding: decode)
                if options.json {
                    print(try Output.json(report))
                    return
                }
                print("\(Output.oneLine(clip)): \(report.shots.count) shot\(report.shots.count == 1 ? "" : "s") in \(report.frameCount) frames")
                for (n, shot) in report.shots.enumerated() {
                    print(String(format: "  %2d  frames %d-%d  %@ +%@  %@, representative frame %d", n + 1, shot.firstFrame, shot.lastFrame,
                                 Output.seconds(shot.start), Output.seconds(shot.duration), shot.begins.rawValue, shot.representativeFrame))
                }
                for dissolve in report.dissolves { print("  dissolve over frames \(dissolve.firstFrame)-\(dissolve.lastFrame)") }
                for flash in report.flashes { print("  flash over frames \(flash.firstFrame)-\(flash.lastFrame)") }
            }
        }
    }
}
