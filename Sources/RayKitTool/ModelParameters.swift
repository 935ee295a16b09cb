import ArgumentParser
import RayCanvas
import RayModels
import RayPipeline

extension ClipDuration: ExpressibleByArgument {}
extension EditStrength: ExpressibleByArgument {}
extension PoseStrength: ExpressibleByArgument {}
extension SupportedRatio: ExpressibleByArgument {}
extension ImageSource: ExpressibleByArgument {}
extension KeyframeSource: ExpressibleByArgument {}

extension TextValue {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// Ray 3.2 Generate's options, shared by `plan generate` and `generate`.
struct GenerateParameters: ParsableArguments {
    @Option(help: "What to film (at most 6000 characters).") var prompt: String
    @Option(help: "540p, 720p or 1080p.") var resolution: Resolution?
    @Option(help: "Opening still: an image, asset_…, or CLIP@INDEX.") var startFrame: ImageSource?
    @Option(help: "Closing still (needs --start-frame).") var endFrame: ImageSource?
    @Option(help: "5s or 10s.") var duration: ClipDuration?
    @Option(help: "9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.") var aspectRatio: SupportedRatio?
    @Flag(help: "Seamless loop (5s only).") var loop = false
    @Flag(help: "HDR output (720p/1080p, 5s only).") var hdr = false

    var input: GenerateInput {
        GenerateInput(prompt: prompt, startFrame: startFrame, endFrame: endFrame, duration: duration, resolution: resolution,
                      aspectRatio: aspectRatio, loop: on(loop), hdr: on(hdr))
    }
}

/// Ray 3.2 Edit's options, shared by `plan edit` and `edit`.
struct EditParameters: ParsableArguments {
    @Option(help: "The visual change (at most 6000 characters).") var prompt: String
    @Option(help: "540p, 720p or 1080p.") var resolution: Resolution?
    @Option(help: "The source clip, or asset_….") var video: String
    @Option(help: "A single guide frame: an image, asset_…, or CLIP@INDEX.") var startFrame: ImageSource?
    @Option(help: "Guide frames by source index: 0,48,96 (frames of --video) or CLIP@0,48,96 (at most 64).") var keyframes: KeyframeSource?
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

    var input: EditInput {
        var input = EditInput(prompt: prompt)
        (input.resolution, input.startFrame, input.keyframes, input.strength) = (resolution, startFrame, keyframes, strength)
        (input.autoControls, input.hdr) = (on(autoControls), on(hdr))
        (input.face, input.pose, input.poseStrength) = (on(face), on(pose), poseStrength)
        (input.depth, input.depthBlur, input.normals, input.normalsAugmentation) = (on(depth), depthBlur, on(normals), normalsAugmentation)
        (input.trajectory, input.trajectorySparsity) = (on(trajectory), trajectorySparsity)
        return input
    }
}

/// Ray 3.2 Reframe's options, shared by `plan reframe` and `reframe`.
struct ReframeParameters: ParsableArguments {
    @Option(help: "How to fill the new canvas (at most 6000 characters).") var prompt: String
    @Option(help: "540p, 720p or 1080p.") var resolution: Resolution?
    @Option(help: "The source clip, or asset_….") var video: String
    @Option(help: "Target: 9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.") var aspectRatio: SupportedRatio?

    var input: ReframeInput { ReframeInput(prompt: prompt, aspectRatio: aspectRatio, resolution: resolution) }
}

/// An on/off flag as a request sends it: `true`, or absent (the model's default).
private func on(_ flag: Bool) -> Bool? { flag ? true : nil }
