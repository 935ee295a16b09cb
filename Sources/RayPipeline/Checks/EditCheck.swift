import Foundation
import RayMedia
import RayModels

/// Whether a Ray 3.2 Edit result kept its source's timing and landed on its guide frames.
public struct EditCheck: Encodable, Sendable {
    /// How close the result came to one guide still at its index.
    public struct Guide: Encodable, Sendable {
        public let keyframeIndex: Int
        public let file: String
        /// Structural similarity of the guide still and the result's frame (1 = identical).
        public let ssim: Double
        public let psnr: Double
    }

    public let source: String
    public let result: String
    public let sourceFrames: Int, resultFrames: Int
    public let sourceDuration: Double, resultDuration: Double
    public let sourceFrameRate: Double?, resultFrameRate: Double?
    public let guides: [Guide]
    public let findings: [CheckFinding]
    public let verdict: CheckVerdict
    public let sheet: String?

    /// A guide at or above this SSIM was hit (ok); at or above `guideWarn` only loosely (warn); below, missed (fail).
    ///
    /// Chosen by `make eval-checks` (bench/check_eval/README.md) on 20 restyled results that hit their guides (SSIM
    /// 0.93-0.99) and 50 that drift from them (running late, reframed, painted over, regraded). A restyle is a
    /// stand-in for a real Edit: results that re-draw more of the picture than a restyle does will score lower.
    public static let guideOK = 0.928, guideWarn = 0.883

    /// Compares `result` with `source`; `keyframes` is a `keyframes.json` (`raykit keyframes`) whose stills
    /// guided the edit. With `sheet`, draws source | guide | result at each keyframe index, and source | result
    /// at every shot's first frame.
    public static func run(source: String, result: String, keyframes: String? = nil, sheet: String? = nil) throws(MediaError) -> EditCheck {
        try run(source: source, result: result, guides: try readKeyframes(keyframes).map { ($0.keyframeIndex, $0.file) }, sheet: sheet)
    }

    /// Compares `result` with `source` and with `guides`, the stills that guided the edit, each at its keyframe index.
    static func run(source: String, result: String, guides stills: [(keyframeIndex: Int, file: String)],
                    sheet: String? = nil) throws(MediaError) -> EditCheck {
        let (sourceClip, resultClip) = (Clip(source), Clip(result))
        let (before, after) = (try sourceClip.probe().video, try resultClip.probe().video)
        var findings = CheckFinding.timing(source: before, result: after)
        var guides: [Guide] = []
        var rows: [[RGBImage]] = []
        let stills = stills.filter { $0.keyframeIndex < after.frameCount }
        // Every shot's first frame on the sheet too: where restyles drift when no guide is there.
        let shotStarts = sheet == nil ? [] : try ShotDetector.detect(sourceClip).shots.map(\.firstFrame).filter { $0 < after.frameCount }
        let shown = stills.map(\.keyframeIndex) + shotStarts
        // One pass over each file for every frame the check and its sheet look at.
        let results = try StillExtractor.images(from: resultClip, at: shown)
        let sources = sheet == nil ? [:] : try StillExtractor.images(from: sourceClip, at: shown)
        for keyframe in stills {
            let frame = results[keyframe.keyframeIndex]!
            let guide = try RGBImage(contentsOf: keyframe.file)
            let size = ClipPictures.measuringSize(width: frame.width, height: frame.height)
            let (a, b) = (LumaPicture(guide.resized(width: size.width, height: size.height)), LumaPicture(frame.resized(width: size.width, height: size.height)))
            let hit = Guide(keyframeIndex: keyframe.keyframeIndex, file: keyframe.file, ssim: a.ssim(b), psnr: a.psnr(b))
            guides.append(hit)
            findings += hit.ssim >= guideOK ? [] : [CheckFinding(verdict: hit.ssim >= guideWarn ? .warn : .fail,
                message: String(format: "frame %d is far from its guide %@ (SSIM %.2f)", hit.keyframeIndex, keyframe.file, hit.ssim))]
            if sheet != nil { rows.append([sources[keyframe.keyframeIndex]!, guide, frame]) }
        }
        if let sheet {
            rows += shotStarts.map { [sources[$0]!, results[$0]!] }
            try ContactSheet.rows(rows).write(to: sheet, format: .png, overwrite: true)
        }
        return EditCheck(source: source, result: result, sourceFrames: before.frameCount, resultFrames: after.frameCount,
                         sourceDuration: before.duration ?? 0, resultDuration: after.duration ?? 0,
                         sourceFrameRate: before.averageFrameRate, resultFrameRate: after.averageFrameRate,
                         guides: guides, findings: findings, verdict: findings.verdict, sheet: sheet)
    }

    private static func readKeyframes(_ path: String?) throws(MediaError) -> [EditKeyframe] {
        guard let path else { return [] }
        do { return try JSONDecoder().decode([EditKeyframe].self, from: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw MediaError(.invalidRequest, file: path, "not a keyframes.json: \(error.localizedDescription)")
        }
    }
}
