import ArgumentParser
import Foundation
import RayMedia

/// Still options shared by `frames` and `keyframes`.
struct StillOptions: ParsableArguments {
    @Option(help: "Image format: png or jpeg.")
    var format: ImageFormat = .png

    @Option(help: "JPEG quality 1-100 (default 90).")
    var quality: Int?

    @Option(help: "Shrink so the longer side is at most this many pixels.")
    var maxSide: Int?

    @Option(help: "Scale so the shorter side is 540p, 720p or 1080p.")
    var resolution: String?

    @Flag(help: "Keep coded pixels: no rotation, no square-pixel scaling.")
    var raw = false

    @Flag(help: "Overwrite existing files.")
    var force = false

    func validate() throws {
        if maxSide != nil && resolution != nil { throw ValidationError("use --max-side or --resolution, not both") }
        if let maxSide, maxSide < 16 { throw ValidationError("--max-side must be at least 16") }
        if let quality, !(1...100).contains(quality) { throw ValidationError("--quality must be 1...100") }
        if let resolution, Self.lines(resolution) == nil { throw ValidationError("--resolution must be 540p, 720p or 1080p") }
    }

    var size: StillSize {
        if let maxSide { return .maxSide(maxSide) }
        if let resolution, let lines = Self.lines(resolution) { return .shortSide(lines) }
        return .native
    }

    private static func lines(_ resolution: String) -> Int? {
        ["540p": 540, "720p": 720, "1080p": 1080][resolution.lowercased()]
    }

    func request(_ selectors: [FrameSelector]) -> StillRequest {
        StillRequest(selectors: selectors, format: format, quality: quality, size: size, raw: raw, overwrite: force)
    }
}

/// The clip, the frames and the folder, shared by `frames` and `keyframes`.
struct FrameTargets: ParsableArguments {
    @Argument(help: "The source clip.")
    var clip: String

    /// Taken as is even when it starts with a dash (`--at -1`, a frame counted from the end).
    @Option(parsing: .unconditional, help: "Frames, comma-separated: 0,48,96 start middle end -1 @2.5s every:24.")
    var at: String?

    @Option(help: "Folder for the stills (created if missing).")
    var out: String

    func selectors() throws(FlagProblem) -> [FrameSelector] {
        do { return try FrameSelector.parseList(at ?? "") } catch { throw FlagProblem(flag: "--at", problem: error.problem) }
    }
}

extension ImageFormat: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument == "jpg" ? "jpeg" : argument.lowercased())
    }
}

extension RayKit {
    /// `raykit frames CLIP --at … --out DIR`: exact stills by frame index.
    struct Frames: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract stills by exact frame index (start, end, N, -N, @SECONDSs, every:N).",
            discussion: "Frame N is the Nth frame a player shows, counted from 0: the index Ray 3.2 Edit's keyframeIndex means."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>
        @OptionGroup var still: StillOptions
        @OptionGroup var frames: FrameTargets

        @Option(help: "Read this video stream (its index in the file, see probe) instead of the main one.")
        var stream: Int?

        func validate() throws {
            if frames.at == nil { throw ValidationError("give the frames with --at") }
            if let stream, stream < 0 { throw ValidationError("--stream must be a stream index, 0 or more") }
        }

        func run() async throws {
            options.apply()
            Interrupt.install()
            try Output.reporting {
                var request = still.request(try frames.selectors())
                request.stream = stream
                let stills = try StillExtractor.extract(from: frames.clip, request, into: frames.out, isCancelled: Interrupt.requested)
                if options.json {
                    print(try Output.json(stills))
                } else {
                    for s in stills { print("frame \(s.frameIndex) @ \(Output.seconds(s.timestamp)) → \(Output.oneLine(s.file)) (\(s.width)x\(s.height))") }
                }
            }
        }
    }
}

/// A flag's value the library refused: one line naming the flag (`raykit: --at: …`), exit 1.
struct FlagProblem: Error, LocalizedError {
    let flag: String
    let problem: String
    var errorDescription: String? { "\(flag): \(problem)" }
}
