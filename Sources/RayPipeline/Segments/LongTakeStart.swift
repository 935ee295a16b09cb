import Foundation
import RayMedia

/// Splits an item whose source is longer than its model takes: plans the segments from the source's
/// shots, writes them, and gives the items that run them (the run stitches their results as its last step).
enum LongTakeStart {
    /// The long take and its segments' items for `item`, or nil when its source fits the model, is not a
    /// local clip, or its steps are not one Edit or Reframe (and a crop).
    ///
    /// - Parameters:
    ///   - folder: what the item's relative paths are relative to; `outputDir` where results go (absolute):
    ///     segments go to `OUTPUT_DIR/.raykit/NAME/segments`.
    ///   - maxSeconds: the longest segment; nil for the model's limit.
    /// - Throws: `PipelineError` for a source that cannot be read, planned or cut.
    static func split(_ item: ItemSpec, relativeTo folder: String, outputDir: String, maxSeconds: Double?,
                      events: @Sendable (RunEvent) -> Void) throws(PipelineError) -> (take: LongTake, items: [ItemSpec])? {
        guard let step = item.steps.first, step.kind == .edit || step.kind == .reframe,
              item.steps.dropFirst().allSatisfy({ $0.kind == .crop }), item.steps.count <= 2,
              let video = item.video, !video.hasPrefix("asset_") else { return nil }
        let limit = maxSeconds ?? LongTake.limit(for: step.kind)
        let source = Clip(Paths.absolute(video, relativeTo: folder))
        let duration: Double
        do { duration = try source.probe().duration ?? 0 } catch { throw PipelineError(error.localizedDescription) }
        guard duration > limit else { return nil }

        let name = item.name ?? "item"
        let work = [outputDir, ".raykit", name, "segments"].reduce("") { ($0 as NSString).appendingPathComponent($1) }
        events(.activity(name, Activity("finding the shots of \((video as NSString).lastPathComponent) to split it")))
        let plan = try LongTakeSplitter.plan(source, maxSeconds: limit)
        let take = LongTake(source: source.path, sourceSeconds: duration, request: item,
                            output: item.output.map { Paths.absolute($0, relativeTo: folder) } ?? (outputDir as NSString).appendingPathComponent("\(name).mp4"),
                            maxSeconds: limit, plan: plan, items: plan.segments.indices.map { "\(name)-part\($0 + 1)" },
                            stitched: (work as NSString).appendingPathComponent("stitched.mp4"))
        for line in take.planLines(model: step.kind) { events(.note(name, line)) }
        events(.activity(name, Activity("cutting \(plan.segments.count) segments")))
        let (files, frameStarts) = try cut(source, plan, into: work, for: step)
        let crop: CropInput? = if case .crop(let crop)? = item.steps.last { crop } else { nil }
        return (take, try LongTakeSplitter.items(take, step: step, segmentFiles: files, frameStarts: frameStarts, cropTarget: crop?.to,
                                                 folder: work))
    }
    /// Writes the segments, each fixed for the step's model; their files and the source's frame starts.
    private static func cut(_ source: Clip, _ plan: SegmentPlan, into folder: String,
                            for step: StepSpec) throws(PipelineError) -> (files: [String], frameStarts: [Double]) {
        let (purpose, options): (PreflightPurpose, Preflight.Options) = switch step {
        case .edit(let e): (.edit, .init(hdr: e.hdr ?? false, resolution: e.resolution ?? .p720))
        case .reframe(let r): (.reframe, .init(target: r.aspectRatio, resolution: r.resolution ?? .p720))
        default: (.edit, .init())
        }
        do {
            try Paths.createFolder(folder)
            let clips = try SegmentCutter.cut(source, plan, into: folder, for: purpose, options, overwrite: true)
            return (clips.map(\.path), try source.timeline().frameStarts)
        } catch let error as MediaError {
            throw PipelineError(error.localizedDescription)
        } catch {
            throw error as! PipelineError
        }
    }
}
