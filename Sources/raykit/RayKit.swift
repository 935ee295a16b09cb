import ArgumentParser

/// `raykit`: prepares footage for Luma Ray 3.2 on Scenario and finishes what comes back.
@main
struct RayKit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raykit",
        abstract: "Prepare footage for Luma Ray 3.2 (Generate, Edit, Reframe) and finish what comes back.",
        subcommands: [Probe.self, Frames.self, Keyframes.self, Canvas.self, Crop.self, PreflightCommand.self, Plan.self,
                      Generate.self, Edit.self, Reframe.self, Jobs.self, Pipeline.self, Shots.self, Check.self]
    )
}
