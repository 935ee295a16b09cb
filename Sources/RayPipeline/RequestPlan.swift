import Foundation
import RayCanvas
import RayMedia
import RayModels

/// A request built and checked exactly as it would be sent, without any network.
public struct RequestPlan: Encodable, Sendable {
    public let model: RayModel
    /// Where it would be posted: `/generate/custom/{modelId}`.
    public let endpoint: String
    /// The JSON body; local files appear as `file://` placeholders until uploaded.
    public let body: JSONValue
    /// The local files that would be uploaded first (extracted stills, a fixed source).
    public let files: [String]
    public let findings: [Finding]
    public let verdict: Verdict

    init(_ request: RayRequest, findings: [Finding]) throws(MediaError) {
        model = request.model
        endpoint = request.endpointPath
        do {
            body = try JSONValue(data: request.body())
        } catch {
            throw MediaError(.invalidRequest, file: request.model.rawValue, "cannot encode the request: \(error)")
        }
        files = request.localFiles
        self.findings = findings
        verdict = Verdict(findings)
    }
}

/// Builds Generate, Edit and Reframe requests from command-line inputs: validates them, extracts the
/// stills they name, preflights the source video and fixes it when it must be.
public enum RequestPlanner {
    /// Ray 3.2 Generate's inputs.
    public struct Generate: Sendable {
        public var prompt: String
        public var startFrame: ImageSource?
        public var endFrame: ImageSource?
        public var duration: ClipDuration?
        public var resolution: Resolution?
        public var aspectRatio: SupportedRatio?
        public var loop: Bool?
        public var hdr: Bool?

        public init(prompt: String, startFrame: ImageSource? = nil, endFrame: ImageSource? = nil, duration: ClipDuration? = nil,
                    resolution: Resolution? = nil, aspectRatio: SupportedRatio? = nil, loop: Bool? = nil, hdr: Bool? = nil) {
            (self.prompt, self.startFrame, self.endFrame, self.duration) = (prompt, startFrame, endFrame, duration)
            (self.resolution, self.aspectRatio, self.loop, self.hdr) = (resolution, aspectRatio, loop, hdr)
        }
    }

    /// Plans a Generate call; stills are extracted into `folder` only when the request is valid.
    public static func generate(_ g: Generate, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
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

    /// Ray 3.2 Edit's inputs.
    public struct Edit: Sendable {
        public var prompt: String
        /// A clip path or an asset id (`asset_…`).
        public var video: String
        public var startFrame: ImageSource?
        public var keyframes: KeyframeSource?
        public var editStrength: EditStrength?
        public var autoControls: Bool?
        public var face: Bool?
        public var pose: Bool?
        public var poseStrength: PoseStrength?
        public var depth: Bool?
        public var depthBlur: Double?
        public var normals: Bool?
        public var normalsAugmentation: Double?
        public var trajectory: Bool?
        public var trajectorySparsity: Double?
        public var resolution: Resolution?
        public var hdr: Bool?

        public init(prompt: String, video: String) {
            self.prompt = prompt
            self.video = video
        }
    }

    /// Plans an Edit call: keyframe indexes resolved and checked against the source before any
    /// still is extracted; the source preflighted (and fixed into `folder` when it must be).
    public static func edit(_ e: Edit, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
        var findings: [Finding] = []
        var frameCount: Int?
        var frameStarts: [Double] = []
        var indexes: [Int] = []
        // Each file is opened and scanned once for the whole plan.
        let sourceClip = asset(e.video).localPath.map { Clip($0) }
        if let keyframes = e.keyframes {
            let keyframeClip = keyframes.clip == e.video ? sourceClip ?? Clip(keyframes.clip) : Clip(keyframes.clip)
            let timeline = try keyframeClip.timeline()
            if keyframes.clip == e.video { (frameCount, frameStarts) = (timeline.frameStarts.count, timeline.frameStarts) }
            do {
                indexes = try FrameSelector.resolve(keyframes.selectors, frameStarts: timeline.frameStarts, duration: timeline.duration, clip: keyframes.clip)
            } catch {
                findings.append(Finding(severity: .error, field: "keyframes", rule: "edit.keyframes.selectors", message: error.problem,
                                        fix: "name frames inside the clip, each once"))
            }
        }
        var request = EditRequest(
            prompt: e.prompt, video: asset(e.video), startFrame: placeholder(e.startFrame, field: "startFrame", folder: folder),
            keyframes: e.keyframes.map { _ in indexes.map {
                EditKeyframeInput(keyframeImage: .file(ImageInputs.absolute((folder as NSString).appendingPathComponent(
                    "keyframes/" + StillExtractor.fileName(frame: $0, format: .png)))), keyframeIndex: $0)
            } },
            editStrength: e.editStrength, autoControls: e.autoControls, faceControlEnabled: e.face, poseControlEnabled: e.pose,
            poseControlStrength: e.poseStrength, depthControlEnabled: e.depth, depthControlBlur: e.depthBlur,
            normalsControlEnabled: e.normals, normalsControlAugmentation: e.normalsAugmentation,
            trajectoryControlEnabled: e.trajectory, trajectoryControlSparsity: e.trajectorySparsity,
            resolution: e.resolution, hdr: e.hdr)
        findings += request.validate(sourceFrameCount: frameCount)
        guard !findings.hasErrors else { return try RequestPlan(.edit(request), findings: findings) }

        let keyframesOfSource = e.keyframes?.clip == e.video && !indexes.isEmpty
        let source = try sourceVideo(e.video, clip: sourceClip, for: .edit, .init(hdr: e.hdr ?? false, resolution: e.resolution ?? .p720),
                                     folder: folder, overwrite: overwrite) { plan in
            keyframesOfSource ? Self.keyframeFindings(indexes, against: plan, frameStarts: frameStarts) : []
        }
        request.video = source.input
        findings += source.findings
        guard !findings.hasErrors else { return try RequestPlan(.edit(request), findings: findings) }
        if let keyframes = e.keyframes, !indexes.isEmpty {
            // Stills come from the video actually uploaded, so they match what the model sees. A fix that
            // resampled a variable frame rate moves frame positions: the selectors then name the fixed file's frames.
            let clip = keyframesOfSource ? source.clip ?? Clip(keyframes.clip) : Clip(keyframes.clip)
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
            request.keyframes = inputs
        }
        request.startFrame = try prepare(e.startFrame, field: "startFrame", folder: folder, overwrite: overwrite, findings: &findings)
        return try RequestPlan(.edit(request), findings: findings)
    }

    /// Ray 3.2 Reframe's inputs.
    public struct Reframe: Sendable {
        public var prompt: String
        /// A clip path or an asset id (`asset_…`).
        public var video: String
        public var aspectRatio: SupportedRatio?
        public var resolution: Resolution?

        public init(prompt: String, video: String, aspectRatio: SupportedRatio? = nil, resolution: Resolution? = nil) {
            (self.prompt, self.video, self.aspectRatio, self.resolution) = (prompt, video, aspectRatio, resolution)
        }
    }

    /// Plans a Reframe call: the source preflighted against the target ratio (and fixed when it must be).
    public static func reframe(_ r: Reframe, folder: String, overwrite: Bool = false) throws(MediaError) -> RequestPlan {
        let sourceClip = asset(r.video).localPath.map { Clip($0) }
        let nearest = try sourceClip?.probe().video.nearestSupportedRatio
        var request = ReframeRequest(prompt: r.prompt, video: asset(r.video), aspectRatio: r.aspectRatio, resolution: r.resolution)
        var findings = request.validate(sourceNearestRatio: nearest)
        guard !findings.hasErrors else { return try RequestPlan(.reframe(request), findings: findings) }
        let source = try sourceVideo(r.video, clip: sourceClip, for: .reframe, .init(target: r.aspectRatio, resolution: r.resolution ?? .p720),
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

    /// Edit keyframes checked against a planned fix: a trim that cuts a keyframe off is an error before
    /// anything is encoded; a resampled frame rate moves frame positions (a warning).
    static func keyframeFindings(_ indexes: [Int], against plan: FixPlan, frameStarts: [Double]) -> [Finding] {
        guard let kept = plan.framesKept(frameStarts: frameStarts) else {
            return [Finding(severity: .warning, field: "keyframes", rule: "edit.keyframes.resampled",
                            message: "the fix resamples the variable frame rate to a constant one, so frame positions move",
                            fix: "the keyframes name the fixed file's frames: check them in the keyframes folder")]
        }
        guard let outside = indexes.first(where: { $0 >= kept }) else { return [] }
        return [Finding(severity: .error, field: "keyframes", rule: "edit.keyframes.trimmed",
                        message: "keyframe \(outside) lies past the fixed source's end: the fix keeps frames 0…\(kept - 1)",
                        fix: "name frames inside the first \(Int(SourceLimits.maxSourceSeconds)) s, or trim the clip first (raykit preflight --fix --trim)")]
    }
}

extension [Finding] {
    /// Whether any finding is an error.
    var hasErrors: Bool { contains { $0.severity == .error } }
}
