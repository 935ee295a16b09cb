import Foundation
import RayMedia

/// Whether a result loops seamlessly: the jump from its last frame back to its first, against its usual step.
public struct LoopCheck: Encodable, Sendable {
    public let file: String
    public let frameCount: Int
    /// Mean absolute luma difference (0-255) from the last frame to the first.
    public let seamChange: Double
    /// The median of the same measure between consecutive frames.
    public let typicalChange: Double
    /// `seamChange / typicalChange`: 1 means the loop point is like any other step.
    public let seamScore: Double
    public let findings: [CheckFinding]
    public let verdict: CheckVerdict
    public let sheet: String?

    /// Up to this seam score a loop is seamless (ok); up to `failAbove` it shows (warn); above, it jumps (fail).
    ///
    /// Chosen by `make eval-checks` (bench/check_eval/README.md) on 20 good loops and 50 degraded ones: good loops
    /// whose speed varies reach 1.85 (a seam at the fastest point of a breathing zoom), while loops cut 4 frames
    /// early start at 1.73, so the two lines sit close together.
    public static let warnAbove = 1.73, failAbove = 1.86

    /// Measures `result`; with `sheet`, draws its last and first frames side by side there.
    public static func run(_ result: String, sheet: String? = nil) throws(MediaError) -> LoopCheck {
        let clip = Clip(result)
        let probe = try clip.probe()
        let size = ClipPictures.measuringSize(width: probe.video.displayWidth, height: probe.video.displayHeight)
        var first: LumaPicture?, previous: LumaPicture?, steps: [Double] = []
        try ClipPictures.each(clip, size: size) { _, image throws(MediaError) in
            let luma = LumaPicture(image)
            if let previous { steps.append(luma.meanDifference(previous)) }
            if first == nil { first = luma }
            previous = luma
        }
        guard let first, let last = previous, !steps.isEmpty else {
            throw MediaError(.invalidRequest, file: result, "a loop needs at least two frames")
        }
        let seam = last.meanDifference(first)
        let typical = max(0.25, steps.sorted()[steps.count / 2])
        let score = seam / typical
        let finding: CheckFinding = switch score {
        case ...warnAbove: CheckFinding(verdict: .ok, message: String(format: "the loop point changes %.1f× a usual step: seamless", score))
        case ...failAbove: CheckFinding(verdict: .warn, message: String(format: "the loop point changes %.1f× a usual step: it may show", score))
        default: CheckFinding(verdict: .fail, message: String(format: "the loop point changes %.1f× a usual step: it jumps", score))
        }
        if let sheet {
            let images = try StillExtractor.images(from: clip, at: [0, steps.count])
            try ContactSheet.rows([[images[steps.count]!, images[0]!]]).write(to: sheet, format: .png, overwrite: true)
        }
        return LoopCheck(file: result, frameCount: steps.count + 1, seamChange: seam, typicalChange: typical, seamScore: score,
                         findings: [finding], verdict: finding.verdict, sheet: sheet)
    }
}
