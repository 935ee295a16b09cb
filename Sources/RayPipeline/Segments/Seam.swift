import RayMedia

/// How one join of a stitched long take shows in the output: the change across it against the usual
/// change from frame to frame around it.
public struct Seam: Codable, Sendable, Equatable {
    /// The later segment's first frame.
    public let frame: Int
    public let join: SegmentPlan.Join
    /// The largest change (mean absolute luma difference, 0-255, of pictures 64 pixels wide) into a frame of the join: the shared
    /// frames of an in-shot join and the frame after them, or the first frame after a cut.
    public let change: Double
    /// The median change into the frames of the second before and the second after the join.
    public let typical: Double
    /// Whether an in-shot join stands out: its change more than ``flagRatio`` times the typical one (and
    /// more than one level). A join at a cut is a cut in the source too: never flagged.
    public let flagged: Bool

    /// How many times the typical change a join's may be before it is flagged. A starting point, not yet
    /// measured against seams people see.
    public static let flagRatio = 3.0

    /// The seams of `output`, stitched by `plan`, from one pass over its frames.
    static func measure(_ output: String, plan: SegmentPlan) throws(MediaError) -> [Seam] {
        let clip = Clip(output)
        let changes = try lumaChanges(clip)
        let timeline = try clip.timeline()
        let second = max(1, Int((Double(timeline.frameStarts.count) / max(timeline.duration, 0.001)).rounded()))
        return plan.segments.indices.dropFirst().map { i in
            let (earlier, later) = (plan.segments[i - 1], plan.segments[i])
            let join = later.join ?? .cut
            let last = min(changes.count - 1, join == .inShot ? earlier.lastFrame + 1 : later.firstFrame)
            let span = later.firstFrame...max(later.firstFrame, last)
            let change = span.map { changes[$0] }.max() ?? 0
            let around = (max(1, span.lowerBound - second)..<span.lowerBound).map { changes[$0] }
                + ((span.upperBound + 1)..<min(changes.count, span.upperBound + 1 + second)).map { changes[$0] }
            let typical = around.sorted()[safe: around.count / 2] ?? 0
            return Seam(frame: later.firstFrame, join: join, change: change, typical: typical,
                        flagged: join == .inShot && change > max(Self.flagRatio * typical, typical + 1))
        }
    }

    /// The change into each frame from the one before (0 for the first), from small pictures scaled in one pass.
    private static func lumaChanges(_ clip: Clip) throws(MediaError) -> [Double] {
        let video = try clip.probe().video
        var changes: [Double] = [], previous: LumaPicture?
        try ClipPictures.each(clip, size: ClipPictures.measuringSize(width: video.displayWidth, height: video.displayHeight, maxSide: 64)) { _, image in
            let picture = LumaPicture(image)
            changes.append(previous.map { picture.meanDifference($0) } ?? 0)
            previous = picture
        }
        return changes
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
