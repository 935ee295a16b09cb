import Foundation
import RayCanvas
import RayMedia
import RayModels

/// Builds Generate, Edit and Reframe requests from a model's inputs (``GenerateInput``, ``EditInput``, ``ReframeInput``): validates them, extracts the
/// stills they name, preflights the source video and fixes it when it must be.
public enum RequestPlanner {
    /// Plans a Generate call; stills are extracted into `folder` only when the request is valid.
    public static func generate(_ g: GenerateInput, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
        var request = GenerateRequest(prompt: g.prompt, startFrame: placeholder(g.startFrame, field: "startFrame", folder: folder),
                                      endFrame: placeholder(g.endFrame, field: "endFrame", folder: folder),
                                      duration: g.duration, resolution: g.resolution, aspectRatio: g.aspectRatio, loop: g.loop, hdr: g.hdr)
        var findings = request.validate()
        if !findings.hasErrors {
            request.startFrame = try prepare(g.startFrame, field: "startFrame", folder: folder, overwrite: overwrite, findings: &findings)
            request.endFrame = try prepare(g.endFrame, field: "endFrame", folder: folder, overwrite: overwrite, findings: &findings)
        }
        return try RequestPlan(.generate(request), findings: findings)
    }

    /// Plans an Edit call on `video` (a clip path or `asset_…`): keyframe indexes resolved and checked against
    /// the source before any still is extracted; the source preflighted (and fixed into `folder` when it must be).
    public static func edit(_ e: EditInput, video: String, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
        var findings: [Finding] = []
        var frameCount: Int?
        var indexes: [Int] = []
        // Each file is opened and scanned once for the whole plan.
        let sourceClip = asset(video).localPath.map { Clip($0) }
        let keyframeClip = e.keyframes.map { $0.clip ?? video }
        let keyframesOfSource = keyframeClip == video
        if let keyframes = e.keyframes, let path = keyframeClip {
            if keyframesOfSource, sourceClip == nil {
                findings.append(.keyframesOfRemoteSource(video))
            } else {
                let timeline = try (keyframesOfSource ? sourceClip! : Clip(path)).timeline()
                if keyframesOfSource { frameCount = timeline.frameStarts.count }
                do {
                    indexes = try FrameSelector.resolve(keyframes.selectors, frameStarts: timeline.frameStarts, duration: timeline.duration, clip: path)
                } catch {
                    findings.append(Finding(severity: .error, field: "keyframes", rule: "edit.keyframes.selectors", message: error.problem,
                                            fix: "name frames inside the clip, each once"))
                }
            }
        }
        let guides = e.guides ?? []
        if !guides.isEmpty, frameCount == nil, let sourceClip { frameCount = try sourceClip.timeline().frameStarts.count }
        var request = e.request(video: asset(video))
        request.startFrame = placeholder(e.startFrame, field: "startFrame", folder: folder)
        // Keyframes that could not be read are reported already: not again as an empty list.
        var userKeyframes = findings.hasErrors ? nil : e.keyframes.map { _ in indexes.map {
            EditKeyframeInput(keyframeImage: .file(ImageInputs.absolute((folder as NSString).appendingPathComponent(
                "keyframes/" + StillExtractor.fileName(frame: $0, format: .png)))), keyframeIndex: $0)
        } }
        request.keyframes = guides.isEmpty ? userKeyframes : (userKeyframes ?? []) + guides.enumerated().map { number, guide in
            EditKeyframeInput(keyframeImage: .file(guideFolder(folder, number)), keyframeIndex: guide.index)
        }
        findings += request.validate(sourceFrameCount: frameCount)
        guard !findings.hasErrors else { return try RequestPlan(.edit(request), findings: findings) }

        let source = try sourceVideo(video, clip: sourceClip, for: .edit, .init(hdr: e.hdr ?? false, resolution: e.resolution ?? .p720),
                                     folder: folder, overwrite: overwrite) { plan in
            keyframesOfSource ? Self.keyframeFindings(against: plan) : []
        }
        request.video = source.input
        findings += source.findings
        guard !findings.hasErrors else { return try RequestPlan(.edit(request), findings: findings) }
        if let keyframes = e.keyframes, let path = keyframeClip, !indexes.isEmpty {
            // Stills come from the video actually uploaded, so they match what the model sees. A fix that
            // resampled a variable frame rate moves frame positions: the selectors then name the fixed file's frames.
            let clip = keyframesOfSource ? source.clip ?? Clip(path) : Clip(path)
            var selectors = indexes.map { FrameSelector.index($0) }
            if keyframesOfSource, source.fix?.resample == true { selectors = keyframes.selectors }
            let stills = try StillExtractor.extract(from: clip, StillRequest(selectors: selectors, overwrite: overwrite),
                                                    into: (folder as NSString).appendingPathComponent("keyframes"))
            var inputs: [EditKeyframeInput] = []
            for still in stills {
                let prepared = try ImageInputs.fitting(still.file, field: "keyframes", folder: folder, overwrite: overwrite)
                inputs.append(EditKeyframeInput(keyframeImage: prepared.0, keyframeIndex: still.frameIndex))
                findings += prepared.1
            }
            (request.keyframes, userKeyframes) = (inputs, inputs)
        }
        if !guides.isEmpty {
            request.keyframes = (userKeyframes ?? []) + (try guideKeyframes(guides, folder: folder, overwrite: overwrite, findings: &findings))
        }
        request.startFrame = try prepare(e.startFrame, field: "startFrame", folder: folder, overwrite: overwrite, findings: &findings)
        return try RequestPlan(.edit(request), findings: findings)
    }

    /// Each guide's still, extracted from its clip and fitted for upload, at the index it guides.
    private static func guideKeyframes(_ guides: [GuideStill], folder: String, overwrite: Bool,
                                       findings: inout [Finding]) throws(MediaError) -> [EditKeyframeInput] {
        var inputs: [EditKeyframeInput] = []
        for (number, guide) in guides.enumerated() {
            guard let selector = guide.selector else {
                throw MediaError(.invalidRequest, file: guide.clip, "guide frame '\(guide.frame)' is not a frame selector")
            }
            let stills = try StillExtractor.extract(from: Clip(guide.clip), StillRequest(selectors: [selector], overwrite: overwrite),
                                                    into: guideFolder(folder, number))
            let prepared = try ImageInputs.fitting(stills[0].file, field: "keyframes", folder: folder, overwrite: overwrite)
            inputs.append(EditKeyframeInput(keyframeImage: prepared.0, keyframeIndex: guide.index))
            findings += prepared.1
        }
        return inputs
    }

    /// `FOLDER/guides/N`: where guide still N goes (one folder each: two guides may take the same frame number from two clips).
    private static func guideFolder(_ folder: String, _ number: Int) -> String {
        ImageInputs.absolute((folder as NSString).appendingPathComponent("guides/\(number + 1)"))
    }

    /// Plans a Reframe call on `video` (a clip path or `asset_…`): the source preflighted against the target
    /// ratio (and fixed when it must be).
    public static func reframe(_ r: ReframeInput, video: String, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
        let sourceClip = asset(video).localPath.map { Clip($0) }
        let nearest = try sourceClip?.probe().video.nearestSupportedRatio
        var request = ReframeRequest(prompt: r.prompt, video: asset(video), aspectRatio: r.aspectRatio, resolution: r.resolution)
        var findings = request.validate(sourceNearestRatio: nearest)
        guard !findings.hasErrors else { return try RequestPlan(.reframe(request), findings: findings) }
        let source = try sourceVideo(video, clip: sourceClip, for: .reframe, .init(target: r.aspectRatio, resolution: r.resolution ?? .p720),
                                     folder: folder, overwrite: overwrite)
        request.video = source.input
        // The request's own checks already cover the target ratio and 1080p portrait: keep the source's.
        findings += source.findings.filter { !$0.rule.hasPrefix("reframe.") }
        return try RequestPlan(.reframe(request), findings: findings)
    }

    /// The uploadable input for an optional image, its findings added to `findings`.
    private static func prepare(_ source: ImageSource?, field: String, folder: String, overwrite: Bool,
                                findings: inout [Finding]) throws(MediaError) -> AssetInput? {
        guard let source else { return nil }
        let (input, found) = try ImageInputs.prepare(source, field: field, folder: folder, overwrite: overwrite)
        findings += found
        return input
    }

    /// What an image input will be once prepared, for validating before anything is extracted.
    private static func placeholder(_ source: ImageSource?, field: String, folder: String) -> AssetInput? {
        switch source {
        case nil: nil
        case .asset(let id): .asset(id)
        case .file(let path): .file(ImageInputs.absolute(path))
        case .frame: .file(ImageInputs.absolute((folder as NSString).appendingPathComponent(field)))
        }
    }

    /// An asset id stays an asset; anything else is a local file.
    private static func asset(_ text: String) -> AssetInput {
        text.hasPrefix("asset_") ? .asset(text) : .file(ImageInputs.absolute(text))
    }

    /// The video to upload: the clip itself when preflight passes, else a fixed copy in `folder`.
    ///
    /// - Parameter beforeFix: findings about the planned fix, checked before anything is encoded; an error stops it.
    /// - Returns: the input to send, the findings, the fix planned (if any), and the clip actually uploaded.
    private static func sourceVideo(_ video: String, clip: Clip?, for purpose: PreflightPurpose, _ options: Preflight.Options,
                                    folder: String, overwrite: Bool, beforeFix: (FixPlan) -> [Finding] = { _ in [] })
        throws(MediaError) -> (input: AssetInput, findings: [Finding], fix: FixPlan?, clip: Clip?) {
        let input = asset(video)
        guard let clip else { return (input, [], nil, nil) }
        let report = try Preflight.check(clip, for: purpose, options)
        guard report.verdict == .needsFixing else { return (input, report.findings, nil, clip) }
        if let tooLong = report.findings.first(where: { $0.rule == "source.duration" }) {
            // A fix would keep only the first part: the rest of the take would be lost without a word.
            return (input, [.sourceTooLong(tooLong, file: clip.path)] + report.findings.filter { $0.rule != "source.duration" }, nil, clip)
        }
        let plan = try Preflight.planFix(clip, options)
        let planned = beforeFix(plan)
        guard !planned.hasErrors else { return (input, report.findings + planned, plan, clip) }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fixedPath = (folder as NSString).appendingPathComponent("source.mp4")
        let (fixed, fixedClip) = try Preflight.fix(clip, to: fixedPath, for: purpose, options, overwrite: overwrite)
        let note = Finding(severity: .warning, field: "video", rule: "source.fixed",
                           message: "the source needed fixing (\(report.findings.filter { $0.severity == .error }.map(\.rule).joined(separator: ", "))): "
                               + (plan.method == .remux ? "remuxed into MP4, streams copied" : "re-encoded"),
                           fix: "a compliant copy will be uploaded instead: \(fixedPath)")
        return (.file(ImageInputs.absolute(fixedPath)), [note] + planned + fixed.findings, plan, fixedClip)
    }

    /// Edit keyframes checked against a planned fix: a resampled frame rate moves frame positions (a warning).
    /// (The planner never trims: a source over the limit is refused before any fix.)
    static func keyframeFindings(against plan: FixPlan) -> [Finding] {
        guard plan.resample else { return [] }
        return [Finding(severity: .warning, field: "keyframes", rule: "edit.keyframes.resampled",
                        message: "the fix resamples the variable frame rate to a constant one, so frame positions move",
                        fix: "the keyframes name the fixed file's frames: check them in the keyframes folder")]
    }
}


extension Finding {
    /// A source longer than the model takes is refused: a fix would upload its first part only.
    static func sourceTooLong(_ finding: Finding, file: String) -> Finding {
        Finding(severity: .error, field: "video", rule: "source.duration", message: "\(file): " + finding.message + " (a long take is split only with splitting on, in an item of one Edit or Reframe step and a crop at most)",
                fix: "trim it to the span to send first (\(.fix, "OUT.mp4") \(.trim, "START-END")), or split it into takes of \(Int(SourceLimits.maxSourceSeconds)) s or less")
    }

    /// Edit keyframes named by index need the source video's frames, which an asset id does not give.
    static func keyframesOfRemoteSource(_ video: String) -> Finding {
        Finding(severity: .error, field: "keyframes", rule: "edit.keyframes.remoteSource",
                message: "keyframes name frames of the source video, but \(video) is an asset on Scenario, not a local clip",
                fix: "name the frames of a local copy: \(.keyframes, "CLIP@INDEX,…")")
    }
}
