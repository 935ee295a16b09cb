/// How strictly Ray 3.2 Edit's Pose Control keeps the source pose.
public enum PoseStrength: String, CaseIterable, Codable, Sendable {
    /// Exact skeleton, the default.
    case precise
    /// Looser skeleton.
    case coarse

    /// What Pose Control uses when `poseControlStrength` is not sent: `precise`.
    public static let `default` = PoseStrength.precise
}
