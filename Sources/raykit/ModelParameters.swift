import ArgumentParser
import RayCanvas
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

    var step: StepOptions {
        var options = StepOptions()
        (options.prompt, options.resolution, options.duration, options.aspectRatio) = (prompt, resolution, duration, aspectRatio)
        (options.startFrame, options.endFrame) = (startFrame?.text, endFrame?.text)
        (options.loop, options.hdr) = (loop ? true : nil, hdr ? true : nil)
        return options
    }
}

/// Ray 3.2 Edit's options, shared by `plan edit` and `edit`.
struct EditParameters: ParsableArguments {
    @Option(help: "The visual change (at most 6000 characters).") var prompt: String
    @Option(help: "540p, 720p or 1080p.") var resolution: Resolution?
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

    var step: StepOptions {
        func on(_ flag: Bool) -> Bool? { flag ? true : nil }
        var options = StepOptions()
        (options.prompt, options.resolution, options.startFrame, options.keyframes) = (prompt, resolution, startFrame?.text, keyframes?.text)
        (options.strength, options.autoControls, options.hdr) = (strength, on(autoControls), on(hdr))
        (options.face, options.pose, options.poseStrength) = (on(face), on(pose), poseStrength)
        (options.depth, options.depthBlur, options.normals, options.normalsAugmentation) = (on(depth), depthBlur, on(normals), normalsAugmentation)
        (options.trajectory, options.trajectorySparsity) = (on(trajectory), trajectorySparsity)
        return options
    }
}

/// Ray 3.2 Reframe's options, shared by `plan reframe` and `reframe`.
struct ReframeParameters: ParsableArguments {
    @Option(help: "How to fill the new canvas (at most 6000 characters).") var prompt: String
    @Option(help: "540p, 720p or 1080p.") var resolution: Resolution?
    @Option(help: "The source clip, or asset_….") var video: String
    @Option(help: "Target: 9:16, 3:4, 1:1, 4:3, 16:9 or 21:9.") var aspectRatio: SupportedRatio?

    var step: StepOptions {
        var options = StepOptions()
        (options.prompt, options.resolution, options.aspectRatio) = (prompt, resolution, aspectRatio)
        return options
    }
}
