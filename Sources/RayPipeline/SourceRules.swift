import Foundation
import RayCanvas
import RayMedia
import RayModels

/// The checks a source clip must pass, as findings with fixes (one place, read against `SourceLimits`).
enum SourceRules {
    static func findings(_ probe: ProbeResult, purpose: PreflightPurpose, options: Preflight.Options) -> [Finding] {
        let v = probe.video
        var findings: [Finding] = []
        func add(_ severity: Finding.Severity, _ field: String, _ rule: String, _ message: String, _ fix: Remedy) {
            findings.append(Finding(severity: severity, field: field, rule: rule, message: message, fix: fix))
        }
        if purpose != .generateStart {
            // The published limits, with RayKit's own way out as the fix.
            let fixes: [String: Remedy] = [
                "source.duration": "\(.fix, "OUT.mp4") keeps the first \(Int(SourceLimits.maxSourceSeconds)) s, or \(.trim, "START-END") picks the span",
                "source.size": "\(.fix, "OUT.mp4") re-encodes with a bitrate ceiling that fits",
                "source.container": "\(.fix, "OUT.mp4") rewrites it as MP4",
            ]
            findings += SourceLimits.sourceFindings(seconds: v.duration ?? probe.duration, bytes: probe.sizeBytes, container: uploadContainer(probe))
                .map { Finding(severity: $0.severity, field: $0.field, rule: $0.rule, message: $0.message, fix: fixes[$0.rule] ?? $0.fix) }
        }
        if v.rotation != 0 || v.horizontalFlip {
            add(.warning, "source", "source.rotation",
                "the file asks players to turn the picture \(v.rotation)°\(v.horizontalFlip ? " and mirror it" : ""): players honour it, a model may not",
                "\(.fix, "OUT.mp4") bakes the rotation into the pixels")
        }
        if v.sampleAspectRatio.width != v.sampleAspectRatio.height {
            add(.warning, "source", "source.anamorphic",
                "pixels are \(v.sampleAspectRatio), not square: coded \(v.codedWidth)x\(v.codedHeight) shows as \(v.displayWidth)x\(v.displayHeight)",
                "\(.fix, "OUT.mp4") scales to square pixels")
        }
        if v.variableFrameRate == true {
            add(.warning, "source", "source.vfr", "the frame rate varies: frame positions and times do not map by a fixed rate",
                "\(.fix, "OUT.mp4") resamples to a constant rate (timing kept, frames repeated or dropped): pick Edit keyframes on the fixed file")
        }
        if !options.hdr && (v.color.hdr != .sdr || (v.bitDepth ?? 8) > 8) {
            let what = v.color.hdr == .sdr ? "\(v.bitDepth ?? 10)-bit" : "\(v.color.hdr.rawValue.uppercased()) HDR"
            add(.warning, "hdr", "source.hdr", "the source is \(what) but hdr is off: the model works in 8-bit SDR",
                "add \(.hdr) (720p or 1080p) to keep it, or \(.fix, "OUT.mp4") converts to SDR 8-bit (tone-mapped)")
        }
        if v.displayWidth % 2 != 0 || v.displayHeight % 2 != 0 {
            add(.warning, "source", "source.oddSize", "odd picture size \(v.displayWidth)x\(v.displayHeight): 4:2:0 video wants even sides",
                "\(.fix, "OUT.mp4") trims one pixel row or column")
        }
        if purpose == .reframe {
            reframeFindings(v, options: options, add: add)
        }
        if purpose == .generateStart && v.nearestRatioError > 0.01 {
            add(.warning, "startFrame", "generate.startFrame.ratio",
                String(format: "the picture is %@ (%.3f), %.1f%% off Generate's nearest ratio %@", v.aspectRatio.description,
                       v.aspectRatioDecimal, v.nearestRatioError * 100, v.nearestSupportedRatio.rawValue),
                "crop the still to \(v.nearestSupportedRatio.rawValue) (raykit crop / canvas) so the model does not reframe it")
        }
        let lines = options.resolution.lines, short = min(v.displayWidth, v.displayHeight)
        if Double(short) * 2 < Double(lines) {
            add(.warning, "resolution", "source.lowResolution",
                String(format: "the source has %d lines; %@ output enlarges it %.1f×: expect soft detail", short, options.resolution.rawValue, Double(lines) / Double(short)),
                "use a higher-resolution source or a lower \(.resolution)")
        }
        return findings
    }

    private static func reframeFindings(_ v: VideoInfo, options: Preflight.Options,
                                        add: (Finding.Severity, String, String, String, Remedy) -> Void) {
        guard let target = options.target else {
            add(.error, "aspectRatio", "reframe.aspectRatio.required", "Reframe needs a target ratio", "add \(.to, "9:16") (or 3:4, 1:1, 4:3, 16:9, 21:9)")
            return
        }
        if target == v.nearestSupportedRatio {
            add(.error, "aspectRatio", "reframe.aspectRatio.same",
                "the source is already \(target.rawValue) (\(v.displayWidth)x\(v.displayHeight)): nothing to outpaint",
                "pick another \(.to), or crop instead (raykit crop)")
        }
        if options.resolution == .p1080 && SourceLimits.reframe1080pUnavailable.contains(target) {
            add(.warning, "resolution", "reframe.resolution.portrait1080p",
                "Reframe at 1080p to \(target.rawValue) is reported as not yet available on Luma's own API",
                "use \(.resolution, "720p"), or expect the platform to refuse or downgrade it")
        }
    }

    /// `mp4`, `mov`, `webm`, `mkv`, `mpegts`… as an upload would name it (MOV by its `qt` brand).
    static func uploadContainer(_ probe: ProbeResult) -> String? {
        let ext = URL(fileURLWithPath: probe.file).pathExtension.lowercased()
        switch probe.container {
        case let c where c.hasPrefix("mov"): return probe.majorBrand == "qt" ? "mov" : "mp4"
        case let c where c.hasPrefix("matroska"): return ext == "webm" && ["vp8", "vp9", "av1"].contains(probe.video.codec) ? "webm" : "mkv"
        default: return probe.container
        }
    }
}
