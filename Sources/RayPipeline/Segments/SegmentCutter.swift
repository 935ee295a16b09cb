import Foundation
import RayMedia

/// Writes the segments of a long source, each a compliant copy of exactly its span of frames (the fix's trim).
public enum SegmentCutter {
    /// The span of seconds that keeps exactly `segment`'s frames: from its first frame's start to the next frame's.
    public static func span(of segment: SegmentPlan.Segment, frameStarts: [Double], duration: Double) -> ClosedRange<Double> {
        let end = segment.lastFrame + 1 < frameStarts.count ? frameStarts[segment.lastFrame + 1] : duration
        return frameStarts[segment.firstFrame]...end
    }

    /// Writes each segment of `source` into `folder` as `segment-N.mp4` (N from 1), fixed for `purpose`.
    ///
    /// - Returns: the segment files as clips, in order.
    /// - Throws: `MediaError` when the source cannot be read or a segment cannot be written; segments
    ///   written before the failure are removed.
    public static func cut(_ source: Clip, _ plan: SegmentPlan, into folder: String, for purpose: PreflightPurpose,
                           _ options: Preflight.Options = Preflight.Options(), overwrite: Bool = false) throws(MediaError) -> [Clip] {
        let timeline = try source.timeline()
        var written: [Clip] = []
        do throws(MediaError) {
            for (i, segment) in plan.segments.enumerated() {
                let file = URL(fileURLWithPath: folder).appendingPathComponent("segment-\(i + 1).mp4").path
                let span = span(of: segment, frameStarts: timeline.frameStarts, duration: timeline.duration)
                written.append(try Preflight.fix(source, to: file, for: purpose, options, trim: span, overwrite: overwrite).fixed)
            }
        } catch {
            for clip in written { try? FileManager.default.removeItem(atPath: clip.path) }
            throw error
        }
        return written
    }
}
