import Foundation
import RayCanvas
import RayMedia

/// Whether a Ray 3.2 Reframe result kept its source: where the source sits in the result (searched from
/// RayKit's canvas prediction) and how faithfully each frame's source region was kept.
public struct ReframeCheck: Encodable, Sendable {
    /// A rectangle in the result's display pixels.
    public struct Placement: Codable, Sendable, Equatable, CustomStringConvertible {
        public let x: Int, y: Int, width: Int, height: Int
        public var description: String { "\(width)x\(height) at (\(x),\(y))" }
    }

    /// One frame's fidelity: the source against the result's source region (SSIM 1 = identical).
    public struct FrameScore: Encodable, Sendable {
        public let frame: Int
        public let ssim: Double
        public let psnr: Double
        /// Mean absolute luma difference, 0-255.
        public let difference: Double
    }

    public let source: String
    public let result: String
    public let predicted: Placement
    public let found: Placement
    public let medianSSIM: Double
    public let medianPSNR: Double
    /// The worst frames, worst first (at most five).
    public let worst: [FrameScore]
    /// Frames whose fidelity drops well below the clip's own (drift, warping, a repainted subject).
    public let flaggedFrames: [Int]
    public let findings: [CheckFinding]
    public let verdict: CheckVerdict
    public let sheet: String?

    /// A frame is flagged when its luma differs from the source more than `flagRatio` times the clip's median
    /// difference (plus 2 levels, for clean clips); a median SSIM under `failBelow` fails.
    public static let flagRatio = 1.35, failBelow = 0.3

    /// Checks `result` against `source`; with `sheet`, draws source | result (region outlined) for the worst frames.
    public static func run(source: String, result: String, sheet: String? = nil) throws(MediaError) -> ReframeCheck {
        let (sourceClip, resultClip) = (Clip(source), Clip(result))
        let (s, r) = (try sourceClip.probe().video, try resultClip.probe().video)
        let predicted = prediction(source: PixelSize(width: s.displayWidth, height: s.displayHeight),
                                   result: PixelSize(width: r.displayWidth, height: r.displayHeight), ratio: r.nearestSupportedRatio)
        let measure = ClipPictures.measuringSize(width: s.displayWidth, height: s.displayHeight, maxSide: 128)
        let count = min(s.frameCount, r.frameCount)
        let samples = Array(Set([0, count / 2, count - 1])).sorted()
        let pairs = try samples.map { frame throws(MediaError) in
            let source = LumaPicture(try StillExtractor.image(from: sourceClip, at: .index(frame)).image)
            return (source.sampling(x: 0, y: 0, width: Double(source.width), height: Double(source.height), size: measure),
                    LumaPicture(try StillExtractor.image(from: resultClip, at: .index(frame)).image))
        }
        let found = PlacementSearch(pairs: pairs, measure: measure).best(around: predicted)
        let scores = try fidelity(sourceClip, resultClip, region: found, resultSize: PixelSize(width: r.displayWidth, height: r.displayHeight),
                                  measure: measure)
        return try report(source: source, result: result, predicted: predicted, found: found, scores: scores,
                          sheet: sheet.map { ($0, sourceClip, resultClip) })
    }

    /// Where RayKit's canvas math puts the source in a result of this size and ratio (centred).
    static func prediction(source: PixelSize, result: PixelSize, ratio: SupportedRatio) -> Placement {
        guard let plan = try? ReframePlan.plan(source: source, target: ratio) else {
            return Placement(x: 0, y: 0, width: result.width, height: result.height)
        }
        let k = Double(result.width) / Double(plan.canvas.width)
        func px(_ v: Int) -> Int { Int((Double(v) * k).rounded()) }
        return Placement(x: px(plan.sourceX), y: px(plan.sourceY), width: px(source.width), height: px(source.height))
    }

    /// Every frame's SSIM and PSNR: the source at `measure` against the result's `region` scaled to it.
    private static func fidelity(_ source: Clip, _ result: Clip, region: Placement, resultSize: PixelSize,
                                 measure: PixelSize) throws(MediaError) -> [FrameScore] {
        var sources: [LumaPicture] = []
        try ClipPictures.each(source, size: measure) { _, image throws(MediaError) in sources.append(LumaPicture(image)) }
        let q = Double(measure.width) / Double(region.width)
        let scaled = PixelSize(width: max(8, Int((Double(resultSize.width) * q).rounded())), height: max(8, Int((Double(resultSize.height) * q).rounded())))
        var scores: [FrameScore] = []
        try ClipPictures.each(result, size: scaled) { frame, image throws(MediaError) in
            guard frame < sources.count else { return }
            let part = image.cropped(x: Int((Double(region.x) * q).rounded()), y: Int((Double(region.y) * q).rounded()),
                                     width: measure.width, height: measure.height)
            let luma = LumaPicture(part)
            scores.append(FrameScore(frame: frame, ssim: sources[frame].ssim(luma), psnr: sources[frame].psnr(luma),
                                     difference: sources[frame].meanDifference(luma)))
        }
        return scores
    }

    private static func report(source: String, result: String, predicted: Placement, found: Placement, scores: [FrameScore],
                               sheet: (path: String, source: Clip, result: Clip)?) throws(MediaError) -> ReframeCheck {
        let median = scores.map(\.ssim).sorted()[scores.count / 2]
        let ceiling = scores.map(\.difference).sorted()[scores.count / 2] * flagRatio + 2
        let flagged = scores.filter { $0.difference > ceiling }.map(\.frame)
        var findings: [CheckFinding] = []
        let tolerance = max(4, predicted.width / 50)
        if abs(found.x - predicted.x) > tolerance || abs(found.y - predicted.y) > tolerance || abs(found.width - predicted.width) > tolerance {
            findings.append(CheckFinding(verdict: .warn, message: "the source sits \(found), RayKit predicted \(predicted)"))
        }
        if median < failBelow {
            findings.append(CheckFinding(verdict: .fail, message: String(format: "the source region does not keep the source (median SSIM %.2f)", median)))
        } else if !flagged.isEmpty {
            let share = Double(flagged.count) / Double(scores.count)
            findings.append(CheckFinding(verdict: share > 0.25 ? .fail : .warn,
                                         message: "fidelity drops at \(flagged.count) frames (\(ranges(flagged))): the source region differs over \(String(format: "%.1f", ceiling)) levels"))
        }
        let worst = Array(scores.sorted { $0.difference > $1.difference }.prefix(5))
        if let sheet {
            var rows: [[RGBImage]] = []
            for score in worst.prefix(4) {
                var picture = try StillExtractor.image(from: sheet.result, at: .index(score.frame)).image
                picture.outline(x: found.x, y: found.y, width: found.width, height: found.height, color: (255, 64, 64))
                rows.append([try StillExtractor.image(from: sheet.source, at: .index(score.frame)).image, picture])
            }
            try ContactSheet.rows(rows).write(to: sheet.path, format: .png, overwrite: true)
        }
        return ReframeCheck(source: source, result: result, predicted: predicted, found: found, medianSSIM: median,
                            medianPSNR: scores.map(\.psnr).sorted()[scores.count / 2], worst: worst, flaggedFrames: flagged,
                            findings: findings, verdict: findings.verdict, sheet: sheet?.path)
    }

    /// `30-44, 60` for runs of frame numbers.
    static func ranges(_ frames: [Int]) -> String {
        var parts: [String] = [], start = frames.first, previous = frames.first
        for frame in frames.dropFirst() + [Int.max] {
            if let p = previous, frame == p + 1 { previous = frame; continue }
            if let s = start, let p = previous { parts.append(s == p ? "\(s)" : "\(s)-\(p)") }
            (start, previous) = (frame, frame)
        }
        return parts.joined(separator: ", ")
    }
}

/// Finds the rectangle of the result that best matches the source on a few sampled frames: a coarse grid of
/// scales (±4%) and offsets (±8 px) around the prediction, then a fine one around the best.
private struct PlacementSearch {
    let pairs: [(source: LumaPicture, result: LumaPicture)]
    let measure: PixelSize

    func best(around predicted: ReframeCheck.Placement) -> ReframeCheck.Placement {
        // The coarse grid on quarter-size pictures, the fine one at full measuring size.
        let quarter = PixelSize(width: max(8, measure.width / 2), height: max(8, measure.height / 2))
        let small = pairs.map { ($0.source.sampling(x: 0, y: 0, width: Double($0.source.width), height: Double($0.source.height), size: quarter), $0.result) }
        let coarse = PlacementSearch(pairs: small, measure: quarter)
            .search(around: predicted, scales: stride(from: -0.04, through: 0.04, by: 0.01).map { $0 }, offsets: stride(from: -8, through: 8, by: 2).map { $0 })
        let middle = search(around: coarse, scales: [-0.01, 0, 0.01], offsets: [-2, 0, 2])
        return search(around: middle, scales: [-0.005, 0, 0.005], offsets: [-1, 0, 1])
    }

    func search(around center: ReframeCheck.Placement, scales: [Double], offsets: [Int]) -> ReframeCheck.Placement {
        var best = (center, Double.infinity)
        let (cx, cy) = (Double(center.x) + Double(center.width) / 2, Double(center.y) + Double(center.height) / 2)
        for scale in scales {
            let w = Int((Double(center.width) * (1 + scale)).rounded()), h = Int((Double(center.height) * (1 + scale)).rounded())
            for dx in offsets {
                for dy in offsets {
                    let candidate = ReframeCheck.Placement(x: Int((cx - Double(w) / 2).rounded()) + dx, y: Int((cy - Double(h) / 2).rounded()) + dy,
                                                           width: w, height: h)
                    let cost = pairs.reduce(0.0) { total, pair in
                        let part = pair.result.sampling(x: Double(candidate.x), y: Double(candidate.y), width: Double(w), height: Double(h), size: measure)
                        return total + pair.source.meanDifference(part)
                    }
                    if cost < best.1 { best = (candidate, cost) }
                }
            }
        }
        return best.0
    }
}
