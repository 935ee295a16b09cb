import ArgumentParser
import RayMedia

extension RayKit {
    /// `raykit probe FILE...`: what a clip is, as Ray 3.2 sees it.
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Probe clips: container, codec, exact frame count, display size, nearest Ray ratio, HDR, audio."
        )

        @OptionGroup var options: GlobalOptions<MediaLog>

        @Flag(help: "Skip the packet scan: frame count from the header or an estimate (marked estimated).")
        var fast = false

        @Option(help: "Describe this video stream (its index in the file) instead of the main one.")
        var stream: Int?

        @Argument(help: "Clips to probe.")
        var files: [String]

        func validate() throws {
            if let stream, stream < 0 { throw ValidationError("--stream must be a stream index, 0 or more") }
        }

        func run() async throws {
            options.apply()
            let results = await MediaProbe.probeAll(files, exactFrameCount: !fast, stream: stream)
            let probes = results.compactMap { try? $0.get() }
            for case .failure(let error) in results { Output.error(error) }
            if options.json {
                print(files.count == 1 ? try Output.json(probes.first) : try Output.json(probes))
            } else if !probes.isEmpty {
                print(probes.map(ProbeText.describe).joined(separator: "\n"))
            }
            if probes.count < results.count { throw ExitCode.failure }
        }
    }
}
