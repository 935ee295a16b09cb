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
    /// - Throws: `MediaError` when the file cannot be read at all (missing, empty, not media, truncated).
    public static func check(_ clip: String, for purpose: PreflightPurpose, _ options: Options = Options()) throws(MediaError) -> PreflightReport {
        let probe: ProbeResult
        do {
            probe = try MediaProbe.probe(clip)
        } catch where error.kind == .noVideoStream {
            let finding = Finding(severity: .error, field: "source", rule: "source.video", message: "the file has no video stream",
                                  fix: "use a video clip (an audio-only file cannot be edited or reframed)")
            return PreflightReport(file: clip, purpose: purpose, target: options.target, findings: [finding], verdict: Verdict([finding]), probe: nil)
        }
        let findings = SourceRules.findings(probe, purpose: purpose, options: options)
        return PreflightReport(file: clip, purpose: purpose, target: options.target, findings: findings, verdict: Verdict(findings), probe: probe)
    }

    /// Writes a compliant source: upright, square pixels, even size, MP4, H.264 8-bit (HEVC 10-bit
    /// keeping HLG/PQ with `options.hdr`), constant frame rate, trimmed to the limit or to `trim`,
    /// bitrate capped to fit the size limit, audio kept; then checks the result.
    ///
    /// - Parameter trim: seconds to keep, from the first frame; default the first 30 s when longer.
    /// - Returns: the preflight of the fixed file.
    public static func fix(_ clip: String, to output: String, for purpose: PreflightPurpose, _ options: Options = Options(),
                           trim: ClosedRange<Double>? = nil, overwrite: Bool = false,
                           progress: ((CropProgress) -> Void)? = nil, isCancelled: () -> Bool = { false }) throws(MediaError) -> PreflightReport {
        let probe = try MediaProbe.probe(clip)
        let duration = probe.video.duration ?? probe.duration ?? 0
        let span = try trimSpan(trim, duration: duration, clip: clip)
        let kept = span.map { $0.upperBound - $0.lowerBound } ?? duration
        let even = PixelSize(width: probe.video.displayWidth / 2 * 2, height: probe.video.displayHeight / 2 * 2)
        let window = CropRect(x: (probe.video.displayWidth - even.width) / 2, y: (probe.video.displayHeight - even.height) / 2,
                              width: even.width, height: even.height)
        let settings = CropSettings(window: window, output: even,
                                    encode: EncodeOptions(codec: options.hdr ? .hevc10 : .h264, maxBitRate: bitRateCeiling(probe, seconds: kept)),
                                    trim: span, constantFrameRate: probe.video.variableFrameRate == true, overwrite: overwrite)
        _ = try ClipCropper.crop(clip, to: output, settings, frameCount: probe.video.frameCount, progress: progress, isCancelled: isCancelled)
        return try check(output, for: purpose, options)
    }

    /// The span to keep: the one asked for (at most the limit long), or the first 30 s of a longer clip.
    private static func trimSpan(_ trim: ClosedRange<Double>?, duration: Double, clip: String) throws(MediaError) -> ClosedRange<Double>? {
        if let trim {
            guard trim.upperBound - trim.lowerBound <= SourceLimits.maxSourceSeconds, trim.lowerBound < duration else {
                throw MediaError(.invalidRequest, file: clip, "--trim \(trim.lowerBound)-\(trim.upperBound) must lie in the clip (\(String(format: "%.3f", duration)) s) and last at most \(Int(SourceLimits.maxSourceSeconds)) s")
            }
            return trim
        }
        return duration > SourceLimits.maxSourceSeconds ? 0...SourceLimits.maxSourceSeconds : nil
    }

    /// A video bitrate that keeps the file under the size limit with 8% to spare, after the audio.
    private static func bitRateCeiling(_ probe: ProbeResult, seconds: Double) -> Int {
        let budgetBits = Double(SourceLimits.maxSourceBytes) * 8 * 0.92
        let audioBits = Double(probe.audio.count) * 320_000 * seconds
        return max(500_000, Int((budgetBits - audioBits) / max(seconds, 1)))
    }
}
