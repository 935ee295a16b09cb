import Foundation
import RayCanvas
import RayMedia
import RayModels

/// What ``Preflight/fix(_:to:for:_:trim:overwrite:progress:isCancelled:)`` will do to a clip, decided
/// from its probe before anything is encoded, so a caller can check keyframes against it first.
public struct FixPlan: Sendable, Equatable {
    /// How the compliant copy is made.
    public enum Method: String, Sendable, Codable {
        /// Streams copied into a new MP4: only the container, the index position or the tags were wrong.
        case remux
        /// Decoded and encoded again (H.264 8-bit, or HEVC 10-bit keeping HLG/PQ).
        case reencode
    }

    public let method: Method
    /// Seconds kept from the first frame; nil keeps all.
    public let trim: ClosedRange<Double>?
    /// A variable frame rate resampled to a constant one: frame positions move.
    public let resample: Bool
    /// The picture delivered: upright, square pixels, even sides, no larger than the request needs.
    public let output: PixelSize
    let window: CropRect
    let encode: EncodeOptions

    /// The plan for a probed clip.
    ///
    /// - Throws: `MediaError` for a trim outside the clip or longer than the limit.
    static func make(_ probe: ProbeResult, options: Preflight.Options, trim: ClosedRange<Double>?) throws(MediaError) -> FixPlan {
        let video = probe.video
        let duration = video.duration ?? probe.duration ?? 0
        let span = try trimSpan(trim, duration: duration, clip: probe.file)
        let kept = span.map { $0.upperBound - $0.lowerBound } ?? duration
        let even = PixelSize(width: video.displayWidth / 2 * 2, height: video.displayHeight / 2 * 2)
        let window = CropRect(x: (video.displayWidth - even.width) / 2, y: (video.displayHeight - even.height) / 2,
                              width: even.width, height: even.height)
        let output = min(even.width, even.height) > options.resolution.lines ? CropPlan.scaled(even, to: options.resolution) : even
        let encode = EncodeOptions(codec: options.hdr ? .hevc10 : .h264, maxBitRate: bitRateCeiling(probe, seconds: kept))
        let resample = video.variableFrameRate == true
        // Packets are copied only where they are the frames shown, with timestamps from 0.
        let packetsAreFrames = video.frameCountMethod == .packets && abs(probe.startTime ?? 0) < 0.001
        let copyable = span == nil && !resample && packetsAreFrames && output == even && even.width == video.displayWidth && even.height == video.displayHeight
            && video.rotation == 0 && !video.horizontalFlip && video.sampleAspectRatio.width == video.sampleAspectRatio.height
            && ["h264", "hevc"].contains(video.codec) && probe.sizeBytes <= SourceLimits.maxSourceBytes
            && (video.color.hdr == .sdr ? (video.bitDepth ?? 8) <= 8 || options.hdr : options.hdr)
        return FixPlan(method: copyable ? .remux : .reencode, trim: span, resample: resample, output: output, window: window, encode: encode)
    }

    /// The span to keep: the one asked for (at most the limit long), or the first 30 s of a longer clip.
    private static func trimSpan(_ trim: ClosedRange<Double>?, duration: Double, clip: String) throws(MediaError) -> ClosedRange<Double>? {
        if let trim {
            guard trim.upperBound - trim.lowerBound <= SourceLimits.maxSourceSeconds, trim.lowerBound < duration else {
                throw MediaError(.invalidRequest, file: clip, "the span \(trim.lowerBound)-\(trim.upperBound) s must lie in the clip "
                    + "(\(String(format: "%.3f", duration)) s) and last at most \(Int(SourceLimits.maxSourceSeconds)) s")
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
