import RayMedia

/// Edit guide frames for the segments of a long take, each addressed by the segment's own frame index.
enum SegmentGuides {
    /// The step's keyframes (frames of the source, or of another clip), each given to every segment that
    /// holds its source frame; one list per segment.
    static func user(_ step: StepSpec, take: LongTake) throws(PipelineError) -> [[GuideStill]] {
        var guides = [[GuideStill]](repeating: [], count: take.plan.segments.count)
        guard case .edit(let input) = step, let keyframes = input.keyframes else { return guides }
        let clip = keyframes.clip ?? take.source
        let frames: [Int]
        do {
            let timeline = try Clip(clip).timeline()
            frames = try FrameSelector.resolve(keyframes.selectors, frameStarts: timeline.frameStarts, duration: timeline.duration, clip: clip)
        } catch {
            throw PipelineError(error.localizedDescription)
        }
        for frame in frames {
            for (i, segment) in take.plan.segments.enumerated() where segment.firstFrame <= frame && frame <= segment.lastFrame {
                guides[i].append(GuideStill(clip: clip, frame: .index(frame), index: frame - segment.firstFrame))
            }
        }
        return guides
    }

    /// The frames segment `i` shares with the one before (an in-shot join), taken from the earlier
    /// segment's result at the moment each shows (the middle of the source frame's time, so that a result at
    /// another frame rate still gives the frame on screen then).
    static func join(_ plan: SegmentPlan, segment i: Int, earlierResult: String, frameStarts: [Double]) -> [GuideStill] {
        let (earlier, later) = (plan.segments[i - 1], plan.segments[i])
        return (later.firstFrame...min(earlier.lastFrame, later.lastFrame)).map { frame in
            let shown = frame + 1 < frameStarts.count ? (frameStarts[frame] + frameStarts[frame + 1]) / 2 : frameStarts[frame]
            return GuideStill(clip: earlierResult, frame: .time(shown - frameStarts[earlier.firstFrame]), index: frame - later.firstFrame)
        }
    }
}
