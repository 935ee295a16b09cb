import Foundation
import RayCanvas
import RayMedia

/// Whether a Ray 3.2 Reframe result kept its source: its timing, where the source sits in the result (searched
/// from RayKit's canvas prediction) and how faithfully each frame's source region was kept.
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
    /// The median of the frames' `difference`: the clip's own level, which flagged frames stand out from.
    public let medianDifference: Double
    /// The worst frames, worst first (at most five).
    public let worst: [FrameScore]
    /// Frames whose fidelity drops well below the clip's own (drift, warping, a repainted subject).
    public let flaggedFrames: [Int]
    public let findings: [CheckFinding]
    public let verdict: CheckVerdict
    public let sheet: String?

    /// A frame is flagged when its luma differs from the source more than `flagRatio` times the clip's median
    /// difference (plus 2 levels, for clean clips); a median SSIM under `failBelow` fails; a source found more than
    /// `placementTolerance` of its width (and 4 pixels) away from the prediction is reported.
    ///
    /// Chosen by `make eval-checks` (bench/check_eval/README.md) on 20 good results, degraded ones and the good fixture
    /// `reframe_result_9x16.mp4`, which bounds two of them: its worst frame stands 1.06 times its median
    /// difference out and its median SSIM is 0.69 (good results from photographs score 0.90-0.98).
    public static let flagRatio = 1.23, failBelow = 0.68, placementTolerance = 0.011

    /// Checks `result` against `source`; with `sheet`, draws source | result (region outlined) for the worst frames.
    ///
    /// Each file is decoded once, the two side by side: every source frame at measuring size and every result
    /// frame's neighbourhood of the predicted region, from which the placement is searched and each frame scored.
    public static func run(source: String, result: String, sheet: String? = nil) throws(MediaError) -> ReframeCheck {
        let (sourceClip, resultClip) = (Clip(source), Clip(result))
        let (s, r) = (try sourceClip.probe().video, try resultClip.probe().video)
        let resultSize = PixelSize(width: r.displayWidth, height: r.displayHeight)
        let predicted = prediction(source: PixelSize(width: s.displayWidth, height: s.displayHeight), result: resultSize,
                                   ratio: r.nearestSupportedRatio)
        let measure = ClipPictures.measuringSize(width: s.displayWidth, height: s.displayHeight, maxSide: 128)
        let view = ResultView(around: predicted, in: resultSize, measure: measure)
        let (sources, results) = try FrameLumas.read({ () throws(MediaError) in try FrameLumas(sourceClip, size: measure) },
                                                     { () throws(MediaError) in try FrameLumas(resultClip, window: view.window, size: view.size) })
        let count = min(sources.count, results.count)
        guard count > 0 else { throw MediaError(.invalidRequest, file: result, "no frame to compare with the source") }
        let pairs = Set([0, count / 2, count - 1]).sorted().map { (sources[$0], results[$0]) }
        let found = PlacementSearch(pairs: pairs, view: view, measure: measure).best(around: predicted)
        let scores = (0..<count).map { frame in
            let (a, b) = (sources[frame], view.picture(of: found, in: results[frame], size: measure))
            return FrameScore(frame: frame, ssim: a.ssim(b), psnr: a.psnr(b), difference: a.meanDifference(b))
        }
        return try report(source: source, result: result, predicted: predicted, found: found, scores: scores,
                          timing: CheckFinding.timing(source: s, result: r),
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

    private static func report(source: String, result: String, predicted: Placement, found: Placement, scores: [FrameScore], timing: [CheckFinding],
                               sheet: (path: String, source: Clip, result: Clip)?) throws(MediaError) -> ReframeCheck {
        let median = scores.map(\.ssim).sorted()[scores.count / 2]
        let medianDifference = scores.map(\.difference).sorted()[scores.count / 2]
        let ceiling = medianDifference * flagRatio + 2
        let flagged = scores.filter { $0.difference > ceiling }.map(\.frame)
        var findings = timing
        let tolerance = max(4, Int((Double(predicted.width) * placementTolerance).rounded()))
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
            let frames = worst.prefix(4).map(\.frame)
            let (sources, results) = (try StillExtractor.images(from: sheet.source, at: frames), try StillExtractor.images(from: sheet.result, at: frames))
            let rows = frames.map { frame in
                var picture = results[frame]!
                picture.outline(x: found.x, y: found.y, width: found.width, height: found.height, color: (255, 64, 64))
                return [sources[frame]!, picture]
            }
            try ContactSheet.rows(rows).write(to: sheet.path, format: .png, overwrite: true)
        }
        return ReframeCheck(source: source, result: result, predicted: predicted, found: found, medianSSIM: median,
                            medianPSNR: scores.map(\.psnr).sorted()[scores.count / 2], medianDifference: medianDifference, worst: worst, flaggedFrames: flagged,
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

/// The part of a Reframe result the check reads: the predicted region with a margin for the placement search,
/// scaled so that the predicted region comes out at measuring size.
private struct ResultView {
    /// In the result's display pixels, even offsets and sizes (as the picture path crops).
    let window: CropRect
    let size: PixelSize

    init(around predicted: ReframeCheck.Placement, in result: PixelSize, measure: PixelSize) {
        // The search reaches ±4% in scale and about ±10 px beyond the prediction.
        let (mx, my) = (predicted.width * 6 / 100 + 12, predicted.height * 6 / 100 + 12)
        func even(_ v: Int) -> Int { v / 2 * 2 }
        let x = even(max(0, predicted.x - mx)), y = even(max(0, predicted.y - my))
        let width = max(2, even(min(result.width, predicted.x + predicted.width + mx) - x))
        let height = max(2, even(min(result.height, predicted.y + predicted.height + my) - y))
        window = CropRect(x: x, y: y, width: width, height: height)
        let q = Double(measure.width) / Double(max(1, predicted.width))
        size = PixelSize(width: max(8, Int((Double(width) * q).rounded())), height: max(8, Int((Double(height) * q).rounded())))
    }

    /// `placement` (result pixels) cut from `picture` (this view of one frame) at `size`.
    func picture(of placement: ReframeCheck.Placement, in picture: LumaPicture, size: PixelSize) -> LumaPicture {
        let (qx, qy) = (Double(self.size.width) / Double(window.width), Double(self.size.height) / Double(window.height))
        return picture.sampling(x: Double(placement.x - window.x) * qx, y: Double(placement.y - window.y) * qy,
                                width: Double(placement.width) * qx, height: Double(placement.height) * qy, size: size)
    }
}

/// Finds the rectangle of the result that best matches the source on a few sampled frames: a coarse grid of
/// scales (±4%) and offsets (±8 px) around the prediction, then a fine one around the best.
private struct PlacementSearch {
    /// Source frames at `measure`, and the same frames of the result as `view` reads them.
    let pairs: [(source: LumaPicture, result: LumaPicture)]
    let view: ResultView
    let measure: PixelSize

    func best(around predicted: ReframeCheck.Placement) -> ReframeCheck.Placement {
        // The coarse grid on quarter-size pictures, the fine one at full measuring size.
        let quarter = PixelSize(width: max(8, measure.width / 2), height: max(8, measure.height / 2))
        let small = pairs.map { ($0.source.sampling(x: 0, y: 0, width: Double($0.source.width), height: Double($0.source.height), size: quarter), $0.result) }
        let coarse = PlacementSearch(pairs: small, view: view, measure: quarter)
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
                        total + pair.source.meanDifference(view.picture(of: candidate, in: pair.result, size: measure))
                    }
                    if cost < best.1 { best = (candidate, cost) }
                }
            }
        }
        return best.0
    }
}
