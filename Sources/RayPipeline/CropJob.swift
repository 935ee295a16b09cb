import RayCanvas
import RayMedia

/// Crops a clip to any ratio or size: probe, plan the window in display space, crop and re-encode.
public enum CropJob {
    /// What the crop should reach.
    public enum Target: Sendable, Equatable {
        /// The largest window of this ratio.
        case ratio(AspectRatio)
        /// This ratio, scaled to exactly this size.
        case size(PixelSize)

        /// `1080x1350` is a size; anything else a ratio (`2.39:1`, `4:5`, `1.85`).
        public init?(parsing text: String) {
            if text.lowercased().contains("x"), let size = PixelSize(parsing: text) {
                self = .size(size)
            } else if let ratio = AspectRatio(parsing: text) {
                self = .ratio(ratio)
            } else {
                return nil
            }
        }

        /// The ratio delivered.
        public var ratio: AspectRatio {
            switch self {
            case .ratio(let ratio): ratio
            case .size(let size): size.ratio
            }
        }
    }

    /// How the cropped window is scaled.
    public enum Scale: Sendable, Equatable {
        case none
        /// Exactly this size (the window's ratio should match it).
        case size(PixelSize)
        /// Short side to the resolution's lines, ratio kept.
        case resolution(Resolution)
    }

    /// The plan and what was written.
    public struct Result: Codable, Sendable {
        public let plan: CropPlan
        public let output: CropOutput
    }

    /// Plans and performs the crop of `input` into `output`.
    ///
    /// - Throws: `MediaError` for a bad clip or output, or an impossible crop.
    public static func run(_ input: String, to output: String, target: Target, anchor: Anchor = .center, scale: Scale = .none,
                           encode: EncodeOptions = EncodeOptions(), overwrite: Bool = false,
                           progress: ((CropProgress) -> Void)? = nil, isCancelled: () -> Bool = { false }) throws(MediaError) -> Result {
        let clip = Clip(input)
        let probe = try clip.probe()
        let plan = try self.plan(for: probe, target: target, anchor: anchor, scale: scale)
        let settings = CropSettings(window: plan.window, output: plan.output, encode: encode, overwrite: overwrite)
        let written = try ClipCropper.crop(clip, to: output, settings, frameCount: probe.video.frameCount,
                                           progress: progress, isCancelled: isCancelled)
        return Result(plan: plan, output: written)
    }

    /// The crop plan for a probed clip, in display pixels.
    public static func plan(for probe: ProbeResult, target: Target, anchor: Anchor, scale: Scale) throws(MediaError) -> CropPlan {
        let source = PixelSize(width: probe.video.displayWidth, height: probe.video.displayHeight)
        do {
            switch (target, scale) {
            case (.size(let size), _):
                return try CropPlan.crop(source, toSize: size, anchor: anchor)
            case (.ratio(let ratio), .none):
                return try CropPlan.crop(source, to: ratio, anchor: anchor)
            case (.ratio(let ratio), .size(let size)):
                return try CropPlan.crop(source, to: ratio, anchor: anchor, scaleTo: size)
            case (.ratio(let ratio), .resolution(let resolution)):
                let window = try CropPlan.crop(source, to: ratio, anchor: anchor)
                return try CropPlan.crop(source, to: ratio, anchor: anchor, scaleTo: CropPlan.scaled(window.output, to: resolution))
            }
        } catch {
            throw MediaError(.invalidRequest, file: probe.file, error.errorDescription ?? "\(error)")
        }
    }
}
