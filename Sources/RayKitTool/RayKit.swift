import ArgumentParser
import RayAPI
import RayMedia
import RayVersion

/// `raykit`: prepares footage for Luma Ray 3.2 on Scenario and finishes what comes back.
@main
struct RayKit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raykit",
        abstract: "Prepare footage for Luma Ray 3.2 (Generate, Edit, Reframe) and finish what comes back.",
        version: versionText,
        subcommands: [Probe.self, Frames.self, Keyframes.self, Canvas.self, Crop.self, PreflightCommand.self, Plan.self,
                      Generate.self, Edit.self, Reframe.self, Jobs.self, Pipeline.self, Shots.self, Check.self]
    )

    /// What `--version` prints: RayKit's version, then the FFmpeg and libcurl it runs against.
    static var versionText: String {
        ["raykit \(RayKitVersion.current)", FFmpegVersion.current, CurlVersion.current].joined(separator: "\n")
    }
}
