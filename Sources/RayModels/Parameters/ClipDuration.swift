/// Length of a Ray 3.2 Generate clip.
public enum ClipDuration: String, CaseIterable, Codable, Sendable {
    /// 5 seconds, the default; the only length that allows loop, HDR and anchor frames.
    case five = "5s"
    /// 10 seconds; excludes loop, HDR, startFrame and endFrame.
    case ten = "10s"

    /// What Ray 3.2 uses when `duration` is not sent: 5 seconds.
    public static let `default` = ClipDuration.five
}
