import RayCanvas
import RayMedia

/// Everything `raykit canvas` says about one source and one wanted ratio.
public struct CanvasReport: Codable, Sendable {
    /// The source's display size (probed from a clip, or given as WxH).
    public let source: PixelSize
    /// The ratio asked for.
    public let wanted: AspectRatio
    /// Which supported ratio to ask Ray for, and the crop from its output to `wanted` (no crop when supported).
    public let recommendation: RatioRecommendation
    /// Reframe from the source to the recommended ratio; nil with `reframeProblem` when there is nothing to outpaint.
    public let reframe: ReframePlan?
    public let reframeProblem: String?

    /// Whether the report answers the request: a Reframe to plan, or a ratio Ray does not make reached by
    /// asking for one it does and cropping (with no Reframe needed when the source already has that one).
    /// False only when Reframe is refused and nothing else was asked: the source already has the wanted ratio.
    public var answersRequest: Bool { reframe != nil || recommendation.crop != nil }

    /// Plans Reframe for `source` towards `wanted`.
    ///
    /// - Throws: `CanvasError` for an impossible size or ratio.
    public static func make(source: PixelSize, wanted: AspectRatio, resolution: Resolution = .p1080,
                            placement: Anchor = .center) throws(CanvasError) -> CanvasReport {
        let recommendation = try RatioRecommendation.recommend(for: wanted, at: resolution)
        do {
            let plan = try ReframePlan.plan(source: source, target: recommendation.ask, placement: placement)
            return CanvasReport(source: source, wanted: wanted, recommendation: recommendation, reframe: plan, reframeProblem: nil)
        } catch .nothingToOutpaint(let why) {
            return CanvasReport(source: source, wanted: wanted, recommendation: recommendation, reframe: nil, reframeProblem: why)
        }
    }

    /// The display size of `spec`: `WxH`, or a clip to probe.
    public static func sourceSize(_ spec: String) throws(MediaError) -> PixelSize {
        if let size = PixelSize(parsing: spec), !spec.contains("/"), !spec.contains(".") { return size }
        let video = try MediaProbe.probe(spec, exactFrameCount: false).video
        return PixelSize(width: video.displayWidth, height: video.displayHeight)
    }

    /// Writes a preview of Reframe's canvas: the clip's middle frame placed on it, new pixels hatched.
    public static func writePreview(clip: String, plan: ReframePlan, to path: String, overwrite: Bool) throws(MediaError) {
        try AtomicFile.checkWritable(path, overwrite: overwrite)
        let middle = try StillExtractor.image(from: clip, at: .middle)
        try ReframePreview.render(middle.image, plan: plan).write(to: path, format: .png, overwrite: overwrite)
    }
}
