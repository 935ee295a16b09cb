import Foundation
import RayMedia

extension PipelineRun {
    /// A long take's last step, once every segment is done: the segments' results stitched onto the
    /// source's frames with its audio, cropped when asked, written to the output, and its seams measured.
    func finishLongTake() async throws(PipelineError) {
        guard let take = store.snapshot.longTake else { return }
        let output = take.output
        if take.stitch != nil, FileManager.default.fileExists(atPath: output) { return }
        let name = take.request.name ?? "stitch"
        let parts = zip(take.plan.segments, take.items).compactMap { segment, item in
            store.snapshot.items.first { $0.name == item }?.outputs.first.map {
                StitchPart(result: Clip($0), firstFrame: segment.firstFrame, lastFrame: segment.lastFrame)
            }
        }
        guard parts.count == take.plan.segments.count else { throw PipelineError("\(name): a segment's result is missing", remedy: .resumeLater) }
        events(.activity(name, Activity("stitching \(parts.count) segments")))
        let crop = take.request.steps.lazy.compactMap { step -> CropInput? in if case .crop(let crop) = step { crop } else { nil } }.first
        let (report, seams) = try await local { () throws(PipelineError) in
            do {
                let stitched = crop == nil ? output : take.stitched
                let report = try Stitcher.stitch(source: Clip(take.source), parts: parts, to: stitched, keepAudio: take.request.noAudio != true,
                                                 overwrite: true)
                if let crop {
                    _ = try CropJob.run(stitched, to: output, target: crop.to, anchor: crop.anchor ?? .center,
                                        scale: crop.resolution.map { .resolution($0) } ?? .none, overwrite: true)
                    try? FileManager.default.removeItem(atPath: stitched)
                }
                return (report, try Seam.measure(output, plan: take.plan))
            } catch {
                throw PipelineError("stitching \(output): \(error.localizedDescription)")
            }
        }
        try store.update {
            $0.longTake?.stitch = report
            $0.longTake?.seams = seams
        }
        for part in report.parts where part.retimed {
            events(.note(name, "frames \(part.firstFrame)-\(part.lastFrame): the result has \(part.resultFrames) frames, "
                + "\(String(format: "%+.3f", part.drift)) s against the source: placed by time"))
        }
        for seam in seams where seam.flagged {
            events(.note(name, "warning: the in-shot join at frame \(seam.frame) stands out (change \(String(format: "%.1f", seam.change)) "
                + "against \(String(format: "%.1f", seam.typical)) around it)"))
        }
    }
}
