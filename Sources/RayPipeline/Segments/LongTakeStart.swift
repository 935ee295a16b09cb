import Foundation
import RayAPI
import RayMedia

/// Starts a single run whose source is longer than its model takes: plans the segments from the
/// source's shots, writes them, and makes a run with one item per segment and the stitch as its last step.
enum LongTakeStart {
    /// The run for `request` split into segments, or nil when its source fits the model (or is not a
    /// local Edit or Reframe source, or splitting is off).
    ///
    /// - Parameters:
    ///   - outputDir: the folder of the output (absolute); segments go to `OUTPUT_DIR/.raykit/NAME/segments`.
    ///   - manifestPath: the output's manifest, whose lock `lock` is.
    /// - Throws: `PipelineError` for a source that cannot be read, planned or cut.
    static func run(_ request: SingleRun.Request, outputDir: String, manifestPath: String, lock: RunLock, client: ScenarioClient,
                    settings: RunSettings, events: @escaping @Sendable (RunEvent) -> Void) throws(PipelineError) -> PipelineRun? {
        guard request.splitLongTakes, request.step.kind == .edit || request.step.kind == .reframe,
              let video = request.video, !video.hasPrefix("asset_") else { return nil }
        let maxSeconds = request.maxSegmentSeconds ?? LongTake.limit(for: request.step.kind)
        let source = Clip(Paths.absolute(video, relativeTo: FileManager.default.currentDirectoryPath))
        let duration: Double
        do { duration = try source.probe().duration ?? 0 } catch { throw PipelineError(error.localizedDescription) }
        guard duration > maxSeconds else { return nil }

        let name = request.itemName
        let folder = [outputDir, ".raykit", name, "segments"].reduce("") { ($0 as NSString).appendingPathComponent($1) }
        events(.activity(name, Activity("finding the shots of \((video as NSString).lastPathComponent) to split it")))
        let plan = try LongTakeSplitter.plan(source, maxSeconds: maxSeconds)
        let take = LongTake(source: source.path, sourceSeconds: duration, request: request.spec.items[0],
                            output: request.output.map { Paths.absolute($0, relativeTo: FileManager.default.currentDirectoryPath) }
                                ?? (outputDir as NSString).appendingPathComponent("\(name).mp4"), maxSeconds: maxSeconds, plan: plan,
                            items: plan.segments.indices.map { "\(name)-part\($0 + 1)" },
                            stitched: (folder as NSString).appendingPathComponent("stitched.mp4"))
        for line in take.planLines(model: request.step.kind) { events(.note(name, line)) }
        events(.activity(name, Activity("cutting \(plan.segments.count) segments")))
        let (files, frameStarts) = try cut(source, plan, into: folder, for: request.step)
        let items = try LongTakeSplitter.items(take, step: request.step, segmentFiles: files, frameStarts: frameStarts,
                                               cropTarget: request.cropTo, folder: folder)
        let spec = PipelineSpec(outputDir: outputDir, items: items)
        return try PipelineRun.start(spec, relativeTo: outputDir, manifestPath: manifestPath, client: client, settings: settings, lock: lock,
                                     longTake: take, events: events)
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
