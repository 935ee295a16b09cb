import Foundation
import RayCanvas
import RayMedia
import RayModels

/// What a source clip is being checked for.
public enum PreflightPurpose: String, Codable, Sendable, CaseIterable {
    /// The source video of Ray 3.2 Edit.
    case edit
    /// The source video of Ray 3.2 Reframe.
    case reframe
    /// A still from the clip as Ray 3.2 Generate's startFrame.
    case generateStart = "generate-start"
}

/// The verdict on one clip and every finding behind it.
public struct PreflightReport: Codable, Sendable {
    public let file: String
    public let purpose: PreflightPurpose
    /// The Reframe target, when one was given.
    public let target: SupportedRatio?
    public let findings: [Finding]
    public let verdict: Verdict
    /// The probe the findings come from (nil when the file has no video stream).
    public let probe: ProbeResult?
}

/// Checks a clip against Ray 3.2's rules and published limits before anything is uploaded.
public enum Preflight {
    /// What the request around the clip will ask for.
    public struct Options: Sendable {
        public var target: SupportedRatio?
        /// The request's `hdr` flag.
        public var hdr: Bool
        /// The request's output resolution.
        public var resolution: Resolution

        public init(target: SupportedRatio? = nil, hdr: Bool = false, resolution: Resolution = .p720) {
            self.target = target
            self.hdr = hdr
            self.resolution = resolution
        }
    }

    /// Probes `clip` and lists every violation and risk for `purpose`, each with its fix.
    ///
    /// - Throws: `MediaError` when the file cannot be read at all (missing, empty, not media, truncated) or is a still image.
    public static func check(_ clip: String, for purpose: PreflightPurpose, _ options: Options = Options()) throws(MediaError) -> PreflightReport {
        try check(Clip(clip), for: purpose, options)
    }

    /// Checks an opened clip (its probe reused); see the path form.
    public static func check(_ source: Clip, for purpose: PreflightPurpose, _ options: Options = Options()) throws(MediaError) -> PreflightReport {
        let clip = source.path
        let probe: ProbeResult
        do {
            probe = try source.probe()
        } catch where error.kind == .noVideoStream {
            let finding = Finding(severity: .error, field: "source", rule: "source.video", message: "the file has no video stream",
                                  fix: "use a video clip (an audio-only file cannot be edited or reframed)")
            return PreflightReport(file: clip, purpose: purpose, target: options.target, findings: [finding], verdict: Verdict([finding]), probe: nil)
        }
        if let codec = probe.stillImage { throw MediaError.stillImage(clip, codec: codec) }
        let findings = SourceRules.findings(probe, purpose: purpose, options: options)
        return PreflightReport(file: clip, purpose: purpose, target: options.target, findings: findings, verdict: Verdict(findings), probe: probe)
    }

    /// What `fix` would do to `clip`, decided before any encoding.
    ///
    /// - Throws: `MediaError` when the clip cannot be read, or `trim` lies outside it or is too long.
    public static func planFix(_ clip: String, _ options: Options = Options(), trim: ClosedRange<Double>? = nil) throws(MediaError) -> FixPlan {
        try planFix(Clip(clip), options, trim: trim)
    }

    /// What `fix` would do to an opened clip (its probe reused).
    public static func planFix(_ clip: Clip, _ options: Options = Options(), trim: ClosedRange<Double>? = nil) throws(MediaError) -> FixPlan {
        try FixPlan.make(clip.probe(), options: options, trim: trim)
    }

    /// Writes a compliant source, doing the least work that makes it so: a remux into MP4 when only the
    /// container, the index position or the tags are wrong; otherwise upright, square pixels, even size,
    /// no larger than the requested resolution, H.264 8-bit (HEVC 10-bit keeping HLG/PQ with `options.hdr`),
    /// constant frame rate, trimmed to the limit or to `trim`, bitrate capped to fit the size limit; audio
    /// kept, index first. Then checks the result.
    ///
    /// - Parameter trim: seconds to keep, from the first frame; default the first 30 s when longer.
    /// - Returns: the preflight of the fixed file.
    /// - Throws: `MediaError` for a clip that cannot be read or fixed; a fixed copy that still fails its
    ///   own preflight is removed and refused.
    public static func fix(_ clip: String, to output: String, for purpose: PreflightPurpose, _ options: Options = Options(),
                           trim: ClosedRange<Double>? = nil, overwrite: Bool = false,
                           progress: ((CropProgress) -> Void)? = nil, isCancelled: () -> Bool = { false }) throws(MediaError) -> PreflightReport {
        try fix(Clip(clip), to: output, for: purpose, options, trim: trim, overwrite: overwrite, progress: progress, isCancelled: isCancelled).report
    }

    /// Fixes an opened clip (its probe and index reused); returns the preflight of the fixed file and
    /// the fixed file as a clip, so what follows reads it without scanning it again.
    public static func fix(_ source: Clip, to output: String, for purpose: PreflightPurpose, _ options: Options = Options(),
                           trim: ClosedRange<Double>? = nil, overwrite: Bool = false, progress: ((CropProgress) -> Void)? = nil,
                           isCancelled: () -> Bool = { false }) throws(MediaError) -> (report: PreflightReport, fixed: Clip) {
        let probe = try source.probe()
        let plan = try FixPlan.make(probe, options: options, trim: trim)
        switch plan.method {
        case .remux:
            _ = try Soundtrack.restore(video: source, audioFrom: source, to: output, overwrite: overwrite)
        case .reencode:
            let settings = CropSettings(window: plan.window, output: plan.output, encode: plan.encode, trim: plan.trim,
                                        constantFrameRate: plan.resample, overwrite: overwrite)
            _ = try ClipCropper.crop(source, to: output, settings, frameCount: probe.video.frameCount, progress: progress, isCancelled: isCancelled)
        }
        let fixed = Clip(output)
        let report = try check(fixed, for: purpose, options)
        if let problem = report.findings.first(where: { $0.severity == .error }) {
            // A copy that fails its own check is no fix: nothing is left to be mistaken for one.
            try? FileManager.default.removeItem(atPath: output)
            throw MediaError(.unsupported, file: source.path, "cannot be fixed for \(purpose.rawValue): the fixed copy still fails (\(problem.message))")
        }
        return (report, fixed)
    }
}
