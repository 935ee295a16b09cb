import Foundation
import RayCanvas
import RayMedia

extension PipelineRun {
    /// Long take `number`'s last step, once every segment is done: the segments' results stitched onto the
    /// source's frames with its audio, its size checked against RayKit's prediction (Reframe), cropped when
    /// asked, written to the output, its seams measured and (Edit) the whole output checked against its guides.
    func finishLongTake(_ number: Int) async throws(PipelineError) {
        guard let take = store.snapshot.longTakes?[number] else { return }
        if take.stitch != nil, FileManager.default.fileExists(atPath: take.output) { return }
        let name = take.request.name ?? "item"
        let parts = zip(take.plan.segments, take.items).compactMap { segment, item in
            store.snapshot.items.first { $0.name == item }?.outputs.first.map {
                StitchPart(result: Clip($0), firstFrame: segment.firstFrame, lastFrame: segment.lastFrame)
            }
        }
        guard parts.count == take.plan.segments.count else { throw PipelineError("\(name): a segment's result is missing", remedy: .resumeLater) }
        events(.activity(name, Activity("stitching \(parts.count) segments")))
        let predicted = store.snapshot.items.first { $0.name == take.items.first }.flatMap(predictedSize)
        let (report, seams, sizeNotes) = try await local { () throws(PipelineError) in try Self.stitch(take, parts, predicted: predicted) }
        let check = take.request.steps.first?.kind == .edit ? wholeEditCheck(take) : nil
        try store.update {
            $0.longTakes?[number].stitch = report
            $0.longTakes?[number].seams = seams
            $0.longTakes?[number].check = check
        }
        for note in sizeNotes + Self.notes(report, seams, check, output: take.output) { events(.note(name, note)) }
    }

    /// Stitches, checks the size, crops when the item asks and measures the seams: the report, the seams and
    /// a note when the size is not the one predicted.
    private static func stitch(_ take: LongTake, _ parts: [StitchPart],
                               predicted: PixelSize?) throws(PipelineError) -> (StitchReport, [Seam], [String]) {
        let crop = take.request.steps.lazy.compactMap { step -> CropInput? in if case .crop(let crop) = step { crop } else { nil } }.first
        let stitched = crop == nil ? take.output : take.stitched
        do {
            let report = try Stitcher.stitch(source: Clip(take.source), parts: parts, to: stitched, keepAudio: take.request.noAudio != true,
                                             overwrite: true)
            var probes = FastProbes()
            let sizeNotes = sizeNotes([(stitched, take.output)], predicted: predicted, probes: &probes)
            if let crop {
                _ = try CropJob.run(stitched, to: take.output, target: crop.to, anchor: crop.anchor ?? .center,
                                    scale: crop.resolution.map { .resolution($0) } ?? .none, overwrite: true)
                try? FileManager.default.removeItem(atPath: stitched)
            }
            return (report, try Seam.measure(take.output, plan: take.plan), sizeNotes)
        } catch {
            throw PipelineError("stitching \(take.output): \(error.localizedDescription)")
        }
    }

    /// What a finished long take has to say: a failed or doubtful check, parts placed by time, seams that stand out.
    private static func notes(_ report: StitchReport, _ seams: [Seam], _ check: ResultCheckSummary?, output: String) -> [String] {
        let checked = check.flatMap { $0.verdict == .ok ? nil : "check edit of \((output as NSString).lastPathComponent): " + $0.findings.joined(separator: "; ") }
        let retimed = report.parts.filter(\.retimed).map { part in
            "frames \(part.firstFrame)-\(part.lastFrame): the result has \(part.resultFrames) frames, "
                + "\(String(format: "%+.3f", part.drift)) s against the source: placed by time"
        }
        let standing = seams.filter(\.flagged).map { seam in
            "warning: the in-shot join at frame \(seam.frame) stands out (change \(String(format: "%.1f", seam.change)) "
                + "against \(String(format: "%.1f", seam.typical)) around it)"
        }
        return (checked.map { [$0] } ?? []) + retimed + standing
    }

    /// `check edit` over the whole stitched output: its timing against the source, and every guide still
    /// the segments sent at the source frame it guided. A check that cannot run is a warning.
    private func wholeEditCheck(_ take: LongTake) -> ResultCheckSummary {
        let output = take.output
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
