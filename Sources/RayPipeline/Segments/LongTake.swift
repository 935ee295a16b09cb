import Foundation
import RayMedia
import RayModels

/// A source longer than Edit or Reframe takes, run as segments: how it was split, the items that run the
/// segments, and the stitch that puts their results back together. Kept in the run's manifest.
public struct LongTake: Codable, Sendable {
    /// The whole source (absolute path), and how long it shows.
    public var source: String
    public var sourceSeconds: Double
    /// The request as given, over the whole source (what a later run must repeat to resume).
    public var request: ItemSpec
    /// The finished file (absolute path).
    public var output: String
    /// Longest segment, seconds.
    public var maxSeconds: Double
    public var plan: SegmentPlan
    /// The items running the segments, in source order.
    public var items: [String]
    /// Where the stitched video goes before the finish (crop, final name).
    public var stitched: String
    /// What the stitch did, once done.
    public var stitch: StitchReport?
    /// The seams of the final output, once stitched.
    public var seams: [Seam]?
    /// `check edit` over the whole output (an Edit take), once stitched.
    public var check: ResultCheckSummary?

    /// The plan in words (see ``SegmentPlan/describe(source:seconds:maxSeconds:model:)``).
    public func planLines(model: StepKind) -> [String] {
        plan.describe(source: source, seconds: sourceSeconds, maxSeconds: maxSeconds, model: model)
    }

    /// The longest source each model takes, in seconds: ``SourceLimits/maxSourceSeconds`` (Scenario's limit for both).
    public static func limit(for model: StepKind) -> Double { SourceLimits.maxSourceSeconds }
}

/// Cuts a long take into segments and makes the run's items for them.
public enum LongTakeSplitter {
    /// Plans the segments of `clip` from its shots.
    ///
    /// - Throws: `PipelineError` when the clip cannot be read or no plan meets the limit.
    public static func plan(_ clip: Clip, maxSeconds: Double) throws(PipelineError) -> SegmentPlan {
        do {
            let source = SegmentPlan.Source(timeline: try clip.timeline(), shots: try ShotDetector.detect(clip))
            return try SegmentPlan.plan(source, limits: .init(maxSeconds: maxSeconds))
        } catch let error as MediaError {
            throw PipelineError(error.localizedDescription)
        } catch {
            throw PipelineError("\(clip.path): \(error)")
        }
    }

    /// One item per segment of `take`: the segment's file, the step over it (Edit guide frames moved to the
    /// segment's own indexes, an in-shot join guided by the earlier segment's result), its result in `folder`.
    ///
    /// - Parameters:
    ///   - frameStarts: the source's frame starts.
    ///   - cropTarget: the ratio the finish crops to (a Reframe without a ratio asks for the one that reaches it).
    static func items(_ take: LongTake, step: StepSpec, segmentFiles: [String], frameStarts: [Double], cropTarget: CropJob.Target?,
                      folder: String) throws(PipelineError) -> [ItemSpec] {
        let results = take.items.indices.map { (folder as NSString).appendingPathComponent("result-\($0 + 1).mp4") }
        let userGuides = try SegmentGuides.user(step, take: take)
        return take.plan.segments.enumerated().map { i, segment in
            let segmentStep: StepSpec
            var after: [String]?
            switch step {
            case .edit(var input):
                var guides = userGuides[i]
                if segment.join == .inShot, i > 0 {
                    guides += SegmentGuides.join(take.plan, segment: i, earlierResult: results[i - 1], frameStarts: frameStarts)
                        .filter { join in !guides.contains { $0.index == join.index } }
                    after = [take.items[i - 1]]
                }
                (input.keyframes, input.guides) = (nil, guides.isEmpty ? nil : guides.sorted { $0.index < $1.index })
                if i > 0 { input.startFrame = nil }
                segmentStep = .edit(input)
            case .reframe(var input):
                input.aspectRatio = input.aspectRatio ?? cropTarget.flatMap { StepPlanning.recommendedRatio(for: $0.ratio, resolution: input.resolution) }
                segmentStep = .reframe(input)
            default:
                segmentStep = step
            }
            return ItemSpec(name: take.items[i], video: segmentFiles[i], steps: [segmentStep], noAudio: true, output: results[i], after: after)
        }
    }
}

extension SegmentPlan {
    /// The plan in words: why the source is split, then one line per segment with its frames and its join.
    ///
    /// - Parameters:
    ///   - source: the source's path; `seconds` how long it shows.
    ///   - model: Edit guides an in-shot join with the earlier result; Reframe cannot.
    public func describe(source: String, seconds: Double, maxSeconds: Double, model: StepKind) -> [String] {
        func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
        var lines = ["\((source as NSString).lastPathComponent) lasts \(decimal(seconds)) s, longer than the \(decimal(maxSeconds)) s "
            + "a segment may last: \(segments.count) segments, split at cuts where they fit, else inside a shot at its steadiest frame"]
        for (i, segment) in segments.enumerated() {
            let joined = switch segment.join {
            case nil: ""
            case .cut: ", after a cut (butt-joined)"
            case .inShot where model == .edit:
                ", in-shot join: \(overlap) frames shared and cross-faded, guided by segment \(i)'s result (runs after it)"
            case .inShot:
                ", in-shot join: \(overlap) frames shared and cross-faded; Reframe takes no guide frames, so the outpainted area may jump here"
            }
            lines.append("segment \(i + 1): frames \(segment.firstFrame)-\(segment.lastFrame) (\(decimal(segment.seconds)) s)\(joined)")
        }
        return lines
    }
}
