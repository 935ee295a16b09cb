import Foundation
import RayMedia

/// How a source longer than a model takes is cut into segments the model accepts: at hard cuts where they
/// keep every segment within the limit (a cut is a free seam), else inside a shot at its steadiest frame,
/// with a few frames that both segments carry so the stitch can cross-fade them.
public struct SegmentPlan: Codable, Sendable, Equatable {
    /// What joins a segment to the one before it.
    public enum Join: String, Codable, Sendable {
        /// At a hard cut: the segments share no frame and are butt-joined.
        case cut
        /// Inside a shot: the segments share `overlap` frames, cross-faded in the stitch.
        case inShot
    }

    /// A span of source frames sent as one job.
    public struct Segment: Codable, Sendable, Equatable {
        /// First and last source frame (inclusive).
        public let firstFrame: Int
        public let lastFrame: Int
        /// Seconds the segment lasts.
        public let seconds: Double
        /// What joins it to the segment before; nil for the first.
        public let join: Join?

        public var frameCount: Int { lastFrame - firstFrame + 1 }
    }

    public let segments: [Segment]
    /// Frames two segments share at an in-shot join.
    public let overlap: Int

    /// The choices a plan is made with.
    public struct Limits: Sendable {
        /// Longest segment, in seconds (the model's limit unless overridden).
        public var maxSeconds: Double
        /// Shortest segment worth a job, in seconds (a last segment may be shorter only if the source is).
        public var minSeconds: Double
        /// Frames shared at an in-shot join.
        public var overlap: Int

        public init(maxSeconds: Double, minSeconds: Double = 2, overlap: Int = 8) {
            (self.maxSeconds, self.minSeconds, self.overlap) = (maxSeconds, minSeconds, overlap)
        }
    }

    /// What a plan is made from: the clip's timeline and what `shots` found in it.
    public struct Source: Sendable {
        /// When each frame starts, seconds after the first; and how long the clip shows.
        public let frameStarts: [Double]
        public let duration: Double
        /// First frames of the shots that begin with a hard cut.
        public let cuts: [Int]
        /// Frames inside gradual transitions and flashes, never a join.
        public let dissolves: [ClosedRange<Int>]
        /// Content change into each frame from the one before (0 for frame 0).
        public let changes: [Double]

        public init(frameStarts: [Double], duration: Double, cuts: [Int], dissolves: [ClosedRange<Int>], changes: [Double]) {
            (self.frameStarts, self.duration, self.cuts, self.dissolves, self.changes) = (frameStarts, duration, cuts, dissolves, changes)
        }

        /// A clip's timeline and its shot report (its flashes kept out of joins like its dissolves).
        public init(timeline: (frameStarts: [Double], duration: Double), shots: ShotReport) {
            self.init(frameStarts: timeline.frameStarts, duration: timeline.duration, cuts: shots.cuts,
                      dissolves: (shots.dissolves.map { $0.firstFrame...$0.lastFrame } + shots.flashes.map { $0.firstFrame...$0.lastFrame })
                          .sorted { $0.lowerBound < $1.lowerBound }, changes: shots.changes)
        }

        var frameCount: Int { frameStarts.count }

        /// Seconds from the start of frame `first` to the end of frame `last`.
        func seconds(_ first: Int, _ last: Int) -> Double {
            (last + 1 < frameStarts.count ? frameStarts[last + 1] : duration) - frameStarts[first]
        }
    }

    /// Plans the segments of `source`; one segment when it fits within the limit.
    ///
    /// - Throws: `SegmentPlanError` when a limit cannot be met (a single frame longer than the limit, or
    ///   limits that leave no room for a segment).
    public static func plan(_ source: Source, limits: Limits) throws(SegmentPlanError) -> SegmentPlan {
        guard limits.maxSeconds > limits.minSeconds, limits.overlap >= 0 else { throw .limits(limits.maxSeconds, limits.minSeconds) }
        var planner = Planner(source: source, limits: limits)
        return SegmentPlan(segments: try planner.segments(), overlap: limits.overlap)
    }

    /// The segment and its own frame index that a source frame falls in: a frame two segments share goes
    /// to the later one, whose result the stitch keeps after the cross-fade.
    public func locate(sourceFrame: Int) -> (segment: Int, localFrame: Int)? {
        guard let i = segments.lastIndex(where: { $0.firstFrame <= sourceFrame && sourceFrame <= $0.lastFrame }) else { return nil }
        return (i, sourceFrame - segments[i].firstFrame)
    }
}

/// Why no segment plan could be made.
public enum SegmentPlanError: Error, Equatable, CustomStringConvertible {
    case limits(Double, Double)
    case frameTooLong(frame: Int, seconds: Double, limit: Double)

    public var description: String {
        switch self {
        case .limits(let max, let min): "a segment limit of \(max) s leaves no room for segments of at least \(min) s"
        case .frameTooLong(let frame, let seconds, let limit): "frame \(frame) shows for \(seconds) s, longer than the \(limit) s a segment may last"
        }
    }
}

/// Walks the source from its start, one segment at a time.
private struct Planner {
    let source: Source
    let limits: SegmentPlan.Limits

    typealias Source = SegmentPlan.Source

    mutating func segments() throws(SegmentPlanError) -> [SegmentPlan.Segment] {
        var segments: [SegmentPlan.Segment] = []
        var first = 0, join: SegmentPlan.Join?
        let count = source.frameCount
        while true {
            let last = lastFitting(from: first)
            if last == count - 1 {
                segments.append(segment(first, count - 1, join))
                return segments
            }
            if let cut = latestCut(from: first, through: last) {
                segments.append(segment(first, cut - 1, join))
                (first, join) = (cut, .cut)
            } else {
                let end = try steadiest(from: first, through: last)
                segments.append(segment(first, end, join))
                (first, join) = (end - limits.overlap + 1, .inShot)
            }
        }
    }

    private func segment(_ first: Int, _ last: Int, _ join: SegmentPlan.Join?) -> SegmentPlan.Segment {
        SegmentPlan.Segment(firstFrame: first, lastFrame: last, seconds: source.seconds(first, last), join: join)
    }

    /// The last frame a segment starting at `first` may end on (a binary search: a segment's length grows with its last frame).
    private func lastFitting(from first: Int) -> Int {
        var (fits, over) = (first, source.frameCount)
        while over - fits > 1 {
            let middle = (fits + over) / 2
            if source.seconds(first, middle) <= limits.maxSeconds { fits = middle } else { over = middle }
        }
        return fits
    }

    /// Whether a segment from `first` to `last` is long enough, and what it leaves after `next` is too.
    private func acceptable(_ first: Int, _ last: Int, next: Int) -> Bool {
        source.seconds(first, last) >= limits.minSeconds && source.seconds(next, source.frameCount - 1) >= limits.minSeconds
    }

    /// The latest cut that ends an acceptable segment from `first` within `last`.
    private func latestCut(from first: Int, through last: Int) -> Int? {
        source.cuts.filter { $0 > first && $0 <= last + 1 && acceptable(first, $0 - 1, next: $0) }.max()
    }

    /// The frame to end an in-shot segment on: the least change into it and out of it, outside transitions,
    /// ending an acceptable segment; the latest of equals. Ends from which the next segment reaches the
    /// source's end come first (they save a segment), then those from which it reaches a cut (a free seam).
    private func steadiest(from first: Int, through last: Int) throws(SegmentPlanError) -> Int {
        let candidates = (first...last).filter { end in
            end - limits.overlap + 1 > first && acceptable(first, end, next: end - limits.overlap + 1)
                && !source.dissolves.contains { $0.overlaps(end - limits.overlap + 1...end) }
        }
        let reach = { (end: Int) in lastFitting(from: end - limits.overlap + 1) }
        let toEnd = candidates.filter { reach($0) == source.frameCount - 1 }
        let toCut = candidates.filter { end in source.cuts.contains { $0 > last && $0 <= reach(end) + 1 } }
        let preferred = !toEnd.isEmpty ? toEnd : !toCut.isEmpty ? toCut : candidates
        guard let best = preferred.min(by: { (motion($0), -$0) < (motion($1), -$1) }) else {
            if last == first { throw .frameTooLong(frame: first, seconds: source.seconds(first, first), limit: limits.maxSeconds) }
            throw .limits(limits.maxSeconds, limits.minSeconds)
        }
        return best
    }

    /// How much the picture moves around the overlap that would end at `end`.
    private func motion(_ end: Int) -> Double {
        let span = max(0, end - limits.overlap)...min(source.changes.count - 1, end + 1)
        return source.changes[span].reduce(0, +)
    }
}
