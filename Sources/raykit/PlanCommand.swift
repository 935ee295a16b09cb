import ArgumentParser
import Foundation
import RayCanvas
import RayMedia
import RayModels
import RayPipeline

extension ClipDuration: ExpressibleByArgument {}
extension EditStrength: ExpressibleByArgument {}
extension PoseStrength: ExpressibleByArgument {}
extension SupportedRatio: ExpressibleByArgument {}
extension ImageSource: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
extension KeyframeSource: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// Options every `plan` subcommand shares.
struct PlanOptions: ParsableArguments {
    @Option(help: "The prompt (at most 6000 characters).")
    var prompt: String

    @Option(help: "540p, 720p or 1080p.")
    var resolution: Resolution?

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
                for file in plan.files { print("upload \(file)") }
                for finding in plan.findings { print("  \(finding)") }
            }
            if plan.verdict == .needsFixing { throw ExitCode.failure }
        }

        struct Generate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2: text or start/end image to a 5 s or 10 s clip.")
            @OptionGroup var options: GlobalOptions
            @OptionGroup var plan: PlanOptions
            @Option(help: "Opening still: an image, asset_…, or CLIP@INDEX.") var startFrame: ImageSource?
            @Option(help: "Closing still (needs --start-frame).") var endFrame: ImageSource?
            @Option(help: "5s or 10s.") var duration: ClipDuration?
            @Option(help: "9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.") var aspectRatio: SupportedRatio?
            @Flag(help: "Seamless loop (5s only).") var loop = false
            @Flag(help: "HDR output (720p/1080p, 5s only).") var hdr = false

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let request = RequestPlanner.Generate(
                        prompt: plan.prompt, startFrame: startFrame, endFrame: endFrame, duration: duration,
                        resolution: plan.resolution, aspectRatio: aspectRatio, loop: loop ? true : nil, hdr: hdr ? true : nil)
                    try Plan.report(try RequestPlanner.generate(request, folder: plan.out, overwrite: plan.force), json: options.json)
                }
            }
        }

        struct Edit: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2 Edit: restyle a source video.")
            @OptionGroup var options: GlobalOptions
            @OptionGroup var plan: PlanOptions
            @Option(help: "The source clip, or asset_….") var video: String
            @Option(help: "A single guide frame: an image, asset_…, or CLIP@INDEX.") var startFrame: ImageSource?
            @Option(help: "Guide frames by source index: CLIP@0,48,96 (at most 64).") var keyframes: KeyframeSource?
            @Option(help: "adhere_1…3, flex_1…3, reimagine_1…3.") var strength: EditStrength?
            @Flag(help: "Let the model pick the edit settings.") var autoControls = false
            @Flag(help: "Face Control.") var face = false
            @Flag(help: "Pose Control.") var pose = false
            @Option(help: "precise or coarse (with --pose).") var poseStrength: PoseStrength?
            @Flag(help: "Depth Control.") var depth = false
            @Option(help: "0-1 (with --depth).") var depthBlur: Double?
            @Flag(help: "Normals Control.") var normals = false
            @Option(help: "0-1 (with --normals).") var normalsAugmentation: Double?
            @Flag(help: "Trajectory Control.") var trajectory = false
            @Option(help: "0-1 (with --trajectory).") var trajectorySparsity: Double?
            @Flag(help: "HDR output (720p/1080p).") var hdr = false

            func run() async throws {
                options.apply()
                func on(_ flag: Bool) -> Bool? { flag ? true : nil }
                try Output.reporting {
                    var request = RequestPlanner.Edit(prompt: plan.prompt, video: video)
                    request.startFrame = startFrame
                    request.keyframes = keyframes
                    request.editStrength = strength
                    request.autoControls = on(autoControls)
                    (request.face, request.pose, request.poseStrength) = (on(face), on(pose), poseStrength)
                    (request.depth, request.depthBlur) = (on(depth), depthBlur)
                    (request.normals, request.normalsAugmentation) = (on(normals), normalsAugmentation)
                    (request.trajectory, request.trajectorySparsity) = (on(trajectory), trajectorySparsity)
                    (request.resolution, request.hdr) = (plan.resolution, on(hdr))
                    try Plan.report(try RequestPlanner.edit(request, folder: plan.out, overwrite: plan.force), json: options.json)
                }
            }
        }

        struct Reframe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ray 3.2 Reframe: outpaint a source video to another ratio.")
            @OptionGroup var options: GlobalOptions
            @OptionGroup var plan: PlanOptions
            @Option(help: "The source clip, or asset_….") var video: String
            @Option(help: "Target: 9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.") var aspectRatio: SupportedRatio?

            func run() async throws {
                options.apply()
                try Output.reporting {
                    let request = RequestPlanner.Reframe(prompt: plan.prompt, video: video, aspectRatio: aspectRatio, resolution: plan.resolution)
                    try Plan.report(try RequestPlanner.reframe(request, folder: plan.out, overwrite: plan.force), json: options.json)
                }
            }
        }
    }
}
