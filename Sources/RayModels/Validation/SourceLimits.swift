import RayCanvas

/// Published limits on inputs, in one place, each with its source.
public enum SourceLimits {
    /// Longest Edit/Reframe source video, in seconds.
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let maxSourceSeconds: Double = 30

    /// Largest Edit/Reframe source video file, in bytes (100 MB).
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let maxSourceBytes: Int64 = 100_000_000

    /// Containers an Edit/Reframe source video may use: MP4 or WebM.
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let sourceContainers: [String] = ["mp4", "webm"]

    /// Image assets sent as base64 must stay under this many bytes (6 MB).
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let maxImageBytes: Int64 = 6_000_000

    /// Images above this many bytes (3.5 MB) draw a warning: the gateway caps bodies at 10 MB and base64 grows by 4/3.
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let recommendedImageBytes: Int64 = 3_500_000

    /// Largest request body the gateway accepts, in bytes (10 MB).
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let gatewayBodyBytes: Int64 = 10_000_000

    /// Image formats accepted for startFrame, endFrame and keyframe images.
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let imageFormats: [String] = ["png", "jpeg", "webp"]

    /// Most Edit keyframes per request.
    /// Source: the model documentation (seed `ray-3.2-essentials.txt`): keyframes "Up to 64 entries".
    public static let maxKeyframes = 64

    /// Longest prompt of any Ray 3.2 model, in characters (counted as `String.count`, grapheme clusters).
    /// Source: the model documentation (seed `ray-3.2-essentials.txt`): prompt "Required. Up to 6000 characters."
    public static let maxPromptCharacters = 6000

    /// Reframe at 1080p to these is reported as not yet available on Luma's own API (a warning).
    /// Source: published limits for Luma Ray 3.2 Edit/Reframe as relayed in RayKit issue #5 (Luma API docs / Scenario gateway).
    public static let reframe1080pUnavailable: [SupportedRatio] = [.portrait9x16, .portrait3x4]
}
