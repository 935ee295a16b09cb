import Foundation
import RayAPI
import RayCanvas
import RayMedia
import RayModels

extension PipelineRun {
    /// Crops every file the previous step delivered (an asset source is downloaded first).
    func runCrop(item: Int, step: Int) async throws(PipelineError) {
        let snapshot = store.snapshot.items[item]
        guard case .crop(let crop) = snapshot.steps[step].spec else { try fail(item: item, step: step, "not a crop step") }
        let (target, anchor) = (crop.to, crop.anchor ?? .center)
        let folder = workFolder(item: item, step: step)
        try Paths.createFolder(folder)
        var outputs: [String] = []
        let scale: CropJob.Scale = crop.resolution.map { .resolution($0) } ?? .none
        for (number, source) in try await cropSources(item: item, step: step).enumerated() {
            let output = (folder as NSString).appendingPathComponent("output-\(number + 1).mp4")
            do {
                try await local { () throws(PipelineError) in
                    do { _ = try CropJob.run(source, to: output, target: target, anchor: anchor, scale: scale, overwrite: true) } catch {
                        throw PipelineError(error.localizedDescription)
                    }
                }
            } catch {
                try fail(item: item, step: step, error.message)
            }
            outputs.append(output)
        }
        try store.updateStep(item: item, step: step) {
            $0.input = snapshot.steps.indices.contains(step - 1) ? snapshot.steps[step - 1].outputFiles.first : snapshot.video
            $0.outputFiles = outputs
            $0.state = .done
        }
    }

    /// The files a crop step works on: every file of the previous step, or the item's video (downloaded when an asset).
    private func cropSources(item: Int, step: Int) async throws(PipelineError) -> [String] {
        let snapshot = store.snapshot.items[item]
        if step > 0 { return snapshot.steps[step - 1].outputFiles }
        guard let video = snapshot.video else { try fail(item: item, step: step, "nothing to crop") }
        guard video.hasPrefix("asset_") else { return [video] }
        let file = (workFolder(item: item, step: step) as NSString).appendingPathComponent("source.mp4")
        do { try await client.download(video, to: file) } catch { try fail(item: item, step: step, error.message) }
        return [file]
    }

    /// Delivers the item's results: checks the size the model delivered against RayKit's prediction, puts
    /// the source's audio back into Edit and Reframe results that came without it, and writes each result
    /// to its final name.
    func finish(item: Int) async throws(PipelineError) {
        let snapshot = store.snapshot.items[item]
        guard let last = snapshot.steps.last else { return }
        let finals = last.outputFiles.indices.map { outputPath(snapshot, number: $0) }
        let predicted = predictedSize(snapshot)
        let results = snapshot.steps.last(where: { $0.kind.model != nil })?.outputFiles ?? []
        let notes = try await local { () throws(PipelineError) in
            var probes = FastProbes()
            let sizes = Self.sizeNotes(Array(zip(results, finals)), predicted: predicted, probes: &probes)
            return try sizes + Self.deliver(snapshot, last.outputFiles, to: finals, audioFrom: Self.audioSource(for: snapshot), probes: &probes)
        }
        try store.update {
            $0.items[item].outputs = finals
            $0.items[item].notes = notes
        }
        for note in notes { events(.note(snapshot.name, note)) }
    }

    /// Writes each result to its final name, the source's audio put back where the result came without it.
    /// - Returns: a note for each result whose audio was put back.
    private static func deliver(_ item: ItemRecord, _ files: [String], to finals: [String], audioFrom audioSource: String?,
                                probes: inout FastProbes) throws(PipelineError) -> [String] {
        var notes: [String] = []
        for (file, final) in zip(files, finals) {
            do {
                if let audioSource, try probes[file].audio.isEmpty, try !probes[audioSource].audio.isEmpty {
                    let restored = try Soundtrack.restore(video: file, audioFrom: audioSource, to: final, overwrite: true)
                    notes.append("\((final as NSString).lastPathComponent): audio put back from \((audioSource as NSString).lastPathComponent)"
                        + (restored.transcoded ? " (re-encoded to AAC)" : ""))
                } else {
                    try AtomicFile.copy(file, to: final)
                }
            } catch {
                throw PipelineError("finishing \(item.name): \(error.localizedDescription)")
            }
        }
        return notes
    }

    /// `OUTPUT` (or `OUTPUT_DIR/NAME.mp4`) for the first result, `…-2.mp4` and on for more.
    func outputPath(_ item: ItemRecord, number: Int) -> String {
        let first = item.output ?? (store.snapshot.outputDir as NSString).appendingPathComponent("\(item.name).mp4")
        guard number > 0 else { return first }
        let url = URL(fileURLWithPath: first)
        return url.deletingLastPathComponent().appendingPathComponent(
            "\(url.deletingPathExtension().lastPathComponent)-\(number + 1).\(url.pathExtension)").path
    }

    /// Where audio comes back from: the local video the first model step sent, when the chain only restyles
    /// or reframes it (Edit and Reframe keep timing; a generated clip has no source audio).
    private static func audioSource(for item: ItemRecord) -> String? {
        let models = item.steps.compactMap(\.kind.model)
        guard !item.noAudio, !models.isEmpty, !models.contains(.generate) else { return nil }
        return item.steps.first { $0.kind.model != nil }?.sourceFile
    }

    /// A note for each downloaded result whose size differs from the delivered size RayKit predicts (the
    /// real size is what every later step uses), naming the result by the file it becomes.
    static func sizeNotes(_ results: [(file: String, final: String)], predicted: PixelSize?, probes: inout FastProbes) -> [String] {
        guard let predicted else { return [] }
        return results.compactMap { result in
            guard let probe = try? probes[result.file] else { return nil }
            let real = PixelSize(width: probe.video.displayWidth, height: probe.video.displayHeight)
            return real == predicted ? nil
                : "warning: the result for \((result.final as NSString).lastPathComponent) is \(real), RayKit predicted \(predicted): the real size is used"
        }
    }

    /// The size Generate or Reframe should deliver for the request as sent; nil for Edit (it follows its source).
    func predictedSize(_ item: ItemRecord) -> PixelSize? {
        guard let step = item.steps.last(where: { $0.kind.model != nil }), step.kind != .edit, let request = step.request else { return nil }
        let ratio: SupportedRatio? = if case .string(let text)? = request.field("aspectRatio") { SupportedRatio(rawValue: text) }
            else { step.kind == .generate ? GenerateRequest.defaultAspectRatio : nil }
        let resolution: Resolution = if case .string(let text)? = request.field("resolution"), let parsed = Resolution(rawValue: text) { parsed }
            else { .p720 }
        return ratio?.outputSize(at: resolution)
    }
}

/// Header probes (no frame count) of the files one finish looks at, each file probed once.
struct FastProbes {
    private var probes: [String: ProbeResult] = [:]

    subscript(file: String) -> ProbeResult {
        mutating get throws(MediaError) {
            if let known = probes[file] { return known }
            let probe = try MediaProbe.probe(file, exactFrameCount: false)
            probes[file] = probe
            return probe
        }
    }
}
