import ArgumentParser
import Foundation
import RayCanvas
import RayMedia
import RayPipeline
import Synchronization

extension RayKit {
    /// `raykit crop IN --to RATIO -o OUT.mp4`: crop (and scale) a clip to any ratio, re-encoded with libavcodec.
    struct Crop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crop (and scale) a clip to any ratio or size; audio copied (PCM re-encoded to AAC), timestamps and colour tags kept.",
            discussion: "The crop happens in display space: rotation and anamorphic pixels are applied first; the output is square-pixel and upright."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>

        @Argument(help: "The clip to crop.")
        var input: String

        @Option(help: "Target ratio (2.39:1, 4:5, 9:16, 1.85) or exact size (1080x1350).")
        var to: CropJob.Target

        @Option(help: "Where the window sits: center, top, bottom, left, right, or a focus point x,y (0-1).")
        var anchor: Anchor = .center

        @Option(help: "Scale the window to exactly WxH.")
        var size: PixelSize?

        @Option(help: "Scale the window so its short side is 540p, 720p or 1080p.")
        var resolution: Resolution?

        @Option(name: .shortAndLong, help: "Output MP4.")
        var output: String

        @Option(help: "h264 or hevc (default: hevc 10-bit for HLG/PQ sources, h264 otherwise).")
        var codec: VideoCodec?

        @Option(help: "Constant rate factor (encoder default when omitted).")
        var crf: Int?

        @Option(help: "Encoder preset, e.g. veryfast, medium, slow.")
        var preset: String?

        @Option(help: "Encoder threads (0: automatic).")
        var threads: Int = 0

        @Flag(help: "Overwrite OUT if it exists.")
        var force = false

        @Flag(help: "No progress bar.")
        var quiet = false

        func validate() throws {
            if size != nil && resolution != nil { throw ValidationError("use --size or --resolution, not both") }
        }

        func run() async throws {
            options.apply()
            let scale: CropJob.Scale = if let size { .size(size) }
                else if let resolution { .resolution(resolution) } else { .none }
            let bar = ProgressBar(enabled: !quiet && !options.json && isatty(STDERR_FILENO) == 1)
            Interrupt.install()
            try Output.reporting {
                let result = try CropJob.run(
                    input, to: output, target: to, anchor: anchor, scale: scale,
                    encode: EncodeOptions(codec: codec, crf: crf, preset: preset, threads: threads), overwrite: force,
                    progress: bar.update, isCancelled: Interrupt.requested)
                bar.finish()
                if options.json {
                    print(try Output.json(result))
                } else {
                    let w = result.plan.window
                    print("cropped \(Output.oneLine(input)) \(result.plan.source) → window \(w.width)x\(w.height) at (\(w.x),\(w.y))"
                        + (result.plan.needsScaling ? " scaled to \(result.plan.output)" : "")
                        + " → \(Output.oneLine(result.output.file)): \(result.output.frames) frames, \(result.output.codec.rawValue)"
                        + (result.output.audioStreams == 0 ? "" : result.output.audioTranscoded ? ", audio re-encoded to AAC" : ", audio copied")
                        + (result.output.timecode.map { ", timecode \($0)" } ?? "")
                        + result.output.notes.map { "; note: \($0)" }.joined())
                }
            }
        }
    }
}

extension Resolution: ExpressibleByArgument {}
extension VideoCodec: ExpressibleByArgument {}

