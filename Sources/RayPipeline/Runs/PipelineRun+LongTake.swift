import Foundation
import RayMedia

extension PipelineRun {
    /// Long take `number`'s last step, once every segment is done: the segments' results stitched onto the
    /// source's frames with its audio, its size checked against RayKit's prediction (Reframe), cropped when asked, written to the output, its seams measured and
    /// (for Edit) the whole output checked against its guide frames.
    func finishLongTake(_ number: Int) async throws(PipelineError) {
        guard let take = store.snapshot.longTakes?[number] else { return }
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
        let predicted = store.snapshot.items.first { $0.name == take.items.first }.flatMap(predictedSize)
        let (report, seams, sizeNotes) = try await local { () throws(PipelineError) in
            do {
                let stitched = crop == nil ? output : take.stitched
                let report = try Stitcher.stitch(source: Clip(take.source), parts: parts, to: stitched, keepAudio: take.request.noAudio != true,
                                                 overwrite: true)
                var probes = FastProbes()
                let sizeNotes = Self.sizeNotes([(stitched, output)], predicted: predicted, probes: &probes)
                if let crop {
                    _ = try CropJob.run(stitched, to: output, target: crop.to, anchor: crop.anchor ?? .center,
                                        scale: crop.resolution.map { .resolution($0) } ?? .none, overwrite: true)
                    try? FileManager.default.removeItem(atPath: stitched)
                }
                return (report, try Seam.measure(output, plan: take.plan), sizeNotes)
            } catch {
                throw PipelineError("stitching \(output): \(error.localizedDescription)")
            }
        }
        let check = take.request.steps.first?.kind == .edit ? wholeEditCheck(take, output: output) : nil
        try store.update {
            $0.longTakes?[number].stitch = report
            $0.longTakes?[number].seams = seams
            $0.longTakes?[number].check = check
        }
        for note in sizeNotes { events(.note(name, note)) }
        if let check, check.verdict != .ok { events(.note(name, "check edit of \((output as NSString).lastPathComponent): " + check.findings.joined(separator: "; "))) }
        for part in report.parts where part.retimed {
            events(.note(name, "frames \(part.firstFrame)-\(part.lastFrame): the result has \(part.resultFrames) frames, "
                + "\(String(format: "%+.3f", part.drift)) s against the source: placed by time"))
        }
        for seam in seams where seam.flagged {
            events(.note(name, "warning: the in-shot join at frame \(seam.frame) stands out (change \(String(format: "%.1f", seam.change)) "
                + "against \(String(format: "%.1f", seam.typical)) around it)"))
        }
    }

    /// `check edit` over the whole stitched output: its timing against the source, and every guide still
    /// the segments sent at the source frame it guided. A check that cannot run is a warning.
    private func wholeEditCheck(_ take: LongTake, output: String) -> ResultCheckSummary {
        let snapshot = store.snapshot
        var guides: [Int: String] = [:]
        for (segment, name) in zip(take.plan.segments, take.items) {
            guard let step = snapshot.items.first(where: { $0.name == name })?.steps.first else { continue }
            for still in snapshot.guideStills(of: step) where guides[segment.firstFrame + still.keyframeIndex] == nil {
                guides[segment.firstFrame + still.keyframeIndex] = still.file
            }
        }
        do {
            let check = try EditCheck.run(source: take.source, result: output, guides: guides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            return ResultCheckSummary(file: output, kind: "edit", verdict: check.verdict, findings: check.findings.map(\.description),
                                      guideFrames: check.guides.map(\.keyframeIndex))
        } catch {
            return ResultCheckSummary(file: output, kind: "edit", verdict: .warn, findings: ["the check could not run: \(error.localizedDescription)"])
        }
    }
}
