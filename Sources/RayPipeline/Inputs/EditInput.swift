import RayCanvas
import RayModels

/// Ray 3.2 Edit's inputs as a person gives them: `raykit edit` builds one from its options, a pipeline step
/// (`{"step": "edit", …}`) decodes one with the same names, and the planner turns it into a request.
/// The source video is given beside it (the command's video, or the pipeline item's).
public struct EditInput: Codable, Sendable, Equatable, StepInput {
    /// The visual change.
    public var prompt: String
    /// One guide still; excludes `keyframes`.
    public var startFrame: ImageSource?
    /// Guide frames by source frame index; excludes `startFrame`.
    public var keyframes: KeyframeSource?
    /// Guide frames from any clip, each at the source index it names (beside `keyframes`; a long take's segments).
    public var guides: [GuideStill]?
    public var strength: EditStrength?
    /// Let the model pick the edit settings; excludes `strength`.
    public var autoControls: Bool?
    public var face: Bool?
    public var pose: Bool?
    /// With `pose`.
    public var poseStrength: PoseStrength?
    public var depth: Bool?
    /// 0…1, with `depth`.
    public var depthBlur: Double?
    public var normals: Bool?
    /// 0…1, with `normals`.
    public var normalsAugmentation: Double?
    public var trajectory: Bool?
    /// 0…1, with `trajectory`.
    public var trajectorySparsity: Double?
    public var resolution: Resolution?
    public var hdr: Bool?

    public init(prompt: String) {
        self.prompt = prompt
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prompt, keyframes, guides, strength, face, pose, depth, normals, trajectory, resolution, hdr
        case startFrame = "start-frame", autoControls = "auto-controls", poseStrength = "pose-strength", depthBlur = "depth-blur"
        case normalsAugmentation = "normals-augmentation", trajectorySparsity = "trajectory-sparsity"
    }

    /// The request's parameters other than the prompt and the images, which the planner prepares.
    func request(video: AssetInput) -> EditRequest {
        EditRequest(prompt: prompt, video: video, editStrength: strength, autoControls: autoControls, faceControlEnabled: face,
                    poseControlEnabled: pose, poseControlStrength: poseStrength, depthControlEnabled: depth,
                    depthControlBlur: depthBlur, normalsControlEnabled: normals, normalsControlAugmentation: normalsAugmentation,
                    trajectoryControlEnabled: trajectory, trajectoryControlSparsity: trajectorySparsity,
                    resolution: resolution, hdr: hdr)
    }
}
