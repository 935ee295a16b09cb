import Foundation
import RayMedia

/// The human-readable form of a probe.
enum ProbeText {
    static func describe(_ probe: ProbeResult) -> String {
        let v = probe.video
        var lines = [Output.oneLine(probe.file)]
        if let codec = probe.stillImage { lines.append("  still image \(codec): not a video (Generate takes it as a startFrame)") }
        lines.append("  container   \(probe.containerLongName) (\(probe.container)), \(bytes(probe.sizeBytes))"
            + (probe.bitRate.map { ", \(Int($0 / 1000)) kb/s" } ?? ""))
        lines.append("  duration    \(fixed(probe.duration, 3)) s, starts at \(fixed(probe.startTime, 3)) s")
        lines.append("  video       \(v.codec)\(v.profile.map { " (\($0))" } ?? ""), \(v.pixelFormat ?? "?"), \(v.bitDepth.map { "\($0)-bit" } ?? "?")")
        var size = "  size        coded \(v.codedWidth)x\(v.codedHeight)"
        if v.sampleAspectRatio.width != v.sampleAspectRatio.height { size += ", pixels \(v.sampleAspectRatio)" }
        if v.rotation != 0 { size += ", rotated \(v.rotation)°" }
        if v.horizontalFlip { size += ", mirrored" }
        lines.append(size + " → displays \(v.displayWidth)x\(v.displayHeight)")
        lines.append("  ratio       \(v.aspectRatio) (\(fixed(v.aspectRatioDecimal, 4))), nearest Ray ratio \(v.nearestSupportedRatio.rawValue)"
            + (v.nearestRatioError == 0 ? " (exact)" : " (off by \(fixed(v.nearestRatioError * 100, 2))%)"))
        let rate = v.averageFrameRate.map { "\(fixed($0, 3)) fps" } ?? "unknown rate"
        let method = switch v.frameCountMethod {
        case .packets: ""
        case .decoded: " (counted by decoding)"
        case .header: " (estimated)"
        }
        lines.append("  frames      \(v.frameCount)\(method) at \(rate)"
            + (v.variableFrameRate == true ? ", variable frame rate" : ""))
        switch v.fieldOrder {
        case .progressive: lines.append("  scan        progressive")
        case .tff: lines.append("  scan        interlaced, top field first")
        case .bff: lines.append("  scan        interlaced, bottom field first")
        case .unknown: lines.append("  scan        unknown (progressive or interlaced)")
        }
        if let keys = v.keyframeCount, let gop = v.longestGOP {
            lines.append("  keyframes   \(keys), longest GOP \(gop) frames")
        }
        if probe.videoStreams.count > 1 {
            for s in probe.videoStreams {
                lines.append("  stream      #\(s.index) \(s.codec) \(s.width)x\(s.height)" + (s.isDefault ? ", default" : "")
                    + (s.selected ? " (described here)" : ""))
            }
        }
        let c = v.color
        lines.append("  colour      \(c.hdr.rawValue.uppercased()): \(c.hdrReason)"
            + " [primaries \(c.primaries ?? "-"), transfer \(c.transfer ?? "-"), matrix \(c.matrix ?? "-"), range \(c.range ?? "-")]")
        if c.masteringDisplay != nil || c.contentLightLevel != nil {
            var hdr10: [String] = []
            if let m = c.masteringDisplay {
                hdr10.append("mastered on \(fixed(m.maxLuminance, 0))/\(fixed(m.minLuminance, 4)) nits"
                    + " (R \(fixed(m.red.x, 3)),\(fixed(m.red.y, 3)) G \(fixed(m.green.x, 3)),\(fixed(m.green.y, 3))"
                    + " B \(fixed(m.blue.x, 3)),\(fixed(m.blue.y, 3)) WP \(fixed(m.whitePoint.x, 4)),\(fixed(m.whitePoint.y, 4)))")
            }
            if let l = c.contentLightLevel { hdr10.append("MaxCLL \(l.maxCLL), MaxFALL \(l.maxFALL) nits") }
            lines.append("  HDR10       " + hdr10.joined(separator: "; "))
        }
        if let timecode = probe.timecode { lines.append("  timecode    \(timecode)") }
        if probe.audio.isEmpty { lines.append("  audio       none") }
        for a in probe.audio {
            lines.append("  audio       #\(a.streamIndex) \(a.codec), \(a.channels) ch, \(a.sampleRate) Hz"
                + (a.duration.map { ", \(fixed($0, 3)) s" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    private static func fixed(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "?"
    }

    private static func bytes(_ count: Int64) -> String {
        count >= 1_000_000 ? String(format: "%.1f MB", Double(count) / 1e6) : String(format: "%.1f kB", Double(count) / 1e3)
    }
}
