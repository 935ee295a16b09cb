import RayMedia
import RayModels

/// Chooses Ray 3.2 Edit guide frames from a clip's shots: a cut without a guide frame is where restyles drift.
public enum KeyframeSuggestion {
    /// At most `count` frames (and at most Edit's 64), ascending: frame 0; the first frame of every shot
    /// (the shots with the biggest jump into them first, when there are more shots than frames); then, inside
    /// the shots, the frames where content or motion changes most, no two closer than `minimumGap` frames;
    /// never a frame inside a dissolve or a flash.
    ///
    /// - Parameter minimumGap: default: the clip's frames over twice `count`, at least 4.
    public static func suggest(_ report: ShotReport, count: Int, minimumGap: Int? = nil) -> [Int] {
        let limit = max(1, min(count, SourceLimits.maxKeyframes, report.frameCount))
        let gap = minimumGap ?? max(4, report.frameCount / (2 * limit))
        let starts = report.shots.dropFirst().sorted { change(report, $0.firstFrame) > change(report, $1.firstFrame) }.map(\.firstFrame)
        var picks = [0]
        for start in starts where picks.count < limit && !report.isInDissolve(start) { picks.append(start) }
        let candidates = (0..<report.frameCount).filter { !report.isInDissolve($0) && !report.isInFlash($0) && !picks.contains($0) }
            .sorted { change(report, $0) > change(report, $1) }
        for frame in candidates where picks.count < limit && picks.allSatisfy({ abs($0 - frame) >= gap }) {
            picks.append(frame)
        }
        return picks.sorted()
    }

    private static func change(_ report: ShotReport, _ frame: Int) -> Double {
        report.changes.indices.contains(frame) ? report.changes[frame] : 0
    }
}

/// Shots and guide frames for a clip on disk.
public enum ShotPlanning {
    /// The clip's shots.
    ///
    /// - Parameter decoding: which frames are decoded (the same shots either way).
    public static func shots(_ clip: Clip, decoding: ShotDetector.Decoding = .automatic) throws(MediaError) -> ShotReport {
        var options = ShotDetector.Options()
        options.decoding = decoding
        return try ShotDetector.detect(clip, options)
    }

    /// At most `count` Edit guide frames for `clip` (see ``KeyframeSuggestion/suggest(_:count:minimumGap:)``).
    public static func suggestedKeyframes(_ clip: Clip, count: Int) throws(MediaError) -> [Int] {
        KeyframeSuggestion.suggest(try shots(clip), count: count)
    }
}
