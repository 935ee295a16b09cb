/// The three Ray 3.2 models on Scenario, by model id.
public enum RayModel: String, CaseIterable, Codable, Sendable {
    /// Ray 3.2: new video from text or from start/end images.
    case generate = "model_luma-ray-3-2"
    /// Ray 3.2 Edit: restyles a source video, keeping its motion and timing.
    case edit = "model_luma-ray-3-2-edit"
    /// Ray 3.2 Reframe: outpaints a source video to a new aspect ratio.
    case reframe = "model_luma-ray-3-2-reframe"

    /// The name people use: `Ray 3.2`, `Ray 3.2 Edit`, `Ray 3.2 Reframe`.
    public var displayName: String {
        switch self {
        case .generate: "Ray 3.2"
        case .edit: "Ray 3.2 Edit"
        case .reframe: "Ray 3.2 Reframe"
        }
    }

    /// Lower-case name that starts every rule id of this model: `generate`, `edit`, `reframe`.
    var ruleName: String { String(describing: self) }
}
