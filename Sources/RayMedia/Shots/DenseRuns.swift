/// Every frame decoded and measured in runs around candidate spans (``ReferenceLook/candidates``), the
/// frames between runs left unmeasured, for `ShotScan`.
///
/// A run begins and ends with ``edge`` quiet frames: no step a cut or flash starts from (`cutDistance`)
/// and no change over the gradual window (`gradualDistance`), so no run of possible gradual transition
/// crosses its ends. Everything `Transitions` reads from a frame where it could find something lies within
/// `reach` + `gradualWindow` + `excursionFrames` of that frame's run of change, so inside a run it reads
/// exactly what a full decode gives it, and outside (every distance nil) it finds nothing.
struct DenseRuns {
    private let source: FrameSource
    private let options: ShotDetector.Options
    private let thumbnailer = Thumbnailer()
    private var measures: ShotMeasures
    /// Frames measured or passed over so far.
    private var frontier = 0
    /// The last frame's thumbnail, when it was measured.
    private var previous: Thumbnail?
    /// Quiet frames at the end of the current run.
    private var quietFrames = 0

    /// - Parameter estimates: each frame's content change, kept for frames not measured and each run's first.
    init(_ source: FrameSource, _ options: ShotDetector.Options, estimates: [Double]) {
        (self.source, self.options) = (source, options)
        measures = ShotMeasures(changes: estimates, distances: FrameDistances(reach: options.reach))
    }

    /// Quiet frames a run begins and ends with.
    private var edge: Int { options.reach + options.gradualWindow + options.excursionFrames }
    private var count: Int { source.index.count }

    /// Frames a run holds at least either side of a candidate span.
    static func margin(_ options: ShotDetector.Options) -> Int {
        2 * options.gradualWindow + options.reach + options.excursionFrames
    }

    /// How many of the frames before `end` runs around `candidates` (ascending by first frame) hold at least.
    static func frames(around candidates: [ClosedRange<Int>], before end: Int, _ options: ShotDetector.Options) -> Int {
        let margin = margin(options)
        var (held, reached) = (0, 0)
        for span in candidates {
            let first = max(reached, span.lowerBound - margin), last = min(end, span.upperBound + margin + 1)
            held += max(0, last - first)
            reached = max(reached, last)
        }
        return held
    }

    /// The measures with every frame of each run around `candidates` (ascending by first frame) decoded.
    ///
    /// - Throws: `MediaError` when a frame does not decode.
    mutating func measures(around candidates: [ClosedRange<Int>]) throws(MediaError) -> ShotMeasures {
        let margin = Self.margin(options)
        var next = 0
        while next < candidates.count {
            var end = candidates[next].upperBound + margin
            let start = max(0, candidates[next].lowerBound - margin)
            next += 1
            if start > frontier { try begin(before: start) }
            while frontier < count && (frontier <= end || quietFrames < edge) {
                try measure(frontier)
                while next < candidates.count && candidates[next].lowerBound - margin <= frontier {
                    end = max(end, candidates[next].upperBound + margin)
                    next += 1
                }
            }
        }
        measures.distances.skip(count - frontier)
        return measures
    }

    /// Starts a run that holds frame `start`: from `start` back until the run begins with quiet frames,
    /// or meets the run before or the clip's start; the frames between that run and this one are not measured.
    private mutating func begin(before start: Int) throws(MediaError) {
        source.want(Array(frontier..<count))
        var first = start
        var lead = try thumbnails(first..<min(count, first + edge + options.gradualWindow))
        while first > frontier && !isQuiet(lead) {
            let earlier = max(frontier, first - edge)
            lead = try thumbnails(earlier..<first) + lead
            first = earlier
        }
        if first > frontier {
            measures.distances.skip(first - frontier)
            frontier = first
            previous = nil
        }
        for thumbnail in lead { append(thumbnail) }
    }

    /// Whether the first frames of a run (`edge` past the gradual window) are quiet.
    private func isQuiet(_ lead: [Thumbnail]) -> Bool {
        let window = options.gradualWindow
        let frames = lead.prefix(edge + window)
        return frames.indices.dropFirst().allSatisfy { frames[$0].distance(to: frames[$0 - 1]) < options.cutDistance }
            && frames.indices.dropFirst(window).allSatisfy { frames[$0].distance(to: frames[$0 - window]) < options.gradualDistance }
    }

    private func thumbnails(_ frames: Range<Int>) throws(MediaError) -> [Thumbnail] {
        var thumbnails: [Thumbnail] = []
        for i in frames { thumbnails.append(thumbnailer.thumbnail(try source.frame(at: i))) }
        return thumbnails
    }

    private mutating func measure(_ frame: Int) throws(MediaError) {
        append(thumbnailer.thumbnail(try source.frame(at: frame)))
    }

    /// Measures the frame at the frontier.
    private mutating func append(_ thumbnail: Thumbnail) {
        let i = frontier
        if let previous { measures.changes[i] = thumbnail.change(from: previous) }
        measures.distances.append(thumbnail)
        let step = measures.distances(i, i - 1) ?? 0, window = measures.distances(i, i - options.gradualWindow) ?? 0
        quietFrames = step < options.cutDistance && window < options.gradualDistance ? quietFrames + 1 : 0
        previous = thumbnail
        frontier += 1
    }
}
