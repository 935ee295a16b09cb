import RayCanvas
import RayModels

/// The options of one step, named exactly as the command-line options are (`aspect-ratio`, `depth-blur`),
/// so a pipeline spec reads like the commands it stands for.
public struct StepOptions: Codable, Sendable, Equatable {
    public var prompt: String?
    public var resolution: Resolution?
    // Generate and Reframe
    public var aspectRatio: SupportedRatio?
    // Generate
    public var duration: ClipDuration?
    public var loop: Bool?
    public var hdr: Bool?
    /// An image, an asset id or `CLIP@INDEX`.
    public var startFrame: String?
    public var endFrame: String?
    // Edit
    /// `0,48,96` (frames of the step's source video) or `CLIP@0,48,96`.
    public var keyframes: String?
    public var strength: EditStrength?
    public var autoControls: Bool?
    public var face: Bool?
    public var pose: Bool?
    public var poseStrength: PoseStrength?
    public var depth: Bool?
    public var depthBlur: Double?
    public var normals: Bool?
    public var normalsAugmentation: Double?
    public var trajectory: Bool?
    public var trajectorySparsity: Double?
    // Crop
    /// A ratio (`4:5`, `2.39:1`) or a size (`1080x1350`).
    public var to: String?
    /// `center`, `top`, … or `x,y`.
    public var anchor: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prompt, resolution, duration, loop, hdr, keyframes, strength, face, pose, depth, normals, trajectory, to, anchor
        case aspectRatio = "aspect-ratio", startFrame = "start-frame", endFrame = "end-frame", autoControls = "auto-controls"
        case poseStrength = "pose-strength", depthBlur = "depth-blur", normalsAugmentation = "normals-augmentation"
        case trajectorySparsity = "trajectory-sparsity"
    }

    /// The option names a spec may use, for error messages.
    static var names: [String] { CodingKeys.allCases.map(\.rawValue) }
}
