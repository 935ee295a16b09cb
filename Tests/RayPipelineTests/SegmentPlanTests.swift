import Foundation
import RayKitTestSupport
import RayMedia
@testable import RayPipeline
import Testing

@Suite("segment plans for long sources")
struct SegmentPlanTests {
    /// `seconds` of constant-rate frames at `fps`, with these cuts and transitions; `changes` 1 everywhere unless given.
    static func source(seconds: Double, fps: Double = 25, cuts: [Int] = [], dissolves: [ClosedRange<Int>] = [],
                       changes: [Double]? = nil) -> SegmentPlan.Source {
        let count = Int((seconds * fps).rounded())
        return SegmentPlan.Source(frameStarts: (0..<count).map { Double($0) / fps }, duration: Double(count) / fps, cuts: cuts,
                                  dissolves: dissolves, changes: changes ?? Array(repeating: 1, count: count))
    }

    static let limits = SegmentPlan.Limits(maxSeconds: 30)

    @Test("a source within the limit is one segment")
    func fits() throws {
        let plan = try SegmentPlan.plan(Self.source(seconds: 30), limits: Self.limits)
        #expect(plan.segments == [SegmentPlan.Segment(firstFrame: 0, lastFrame: 749, seconds: 30, join: nil)])
    }

    @Test("70 s with cuts at 20, 40 and 56 s: split at the latest cut that fits each time, butt-joined")
    func atCuts() throws {
        let plan = try SegmentPlan.plan(Self.source(seconds: 70, cuts: [500, 1000, 1400]), limits: Self.limits)
        #expect(plan.segments.map { [$0.firstFrame, $0.lastFrame] } == [[0, 499], [500, 999], [1000, 1749]])
        #expect(plan.segments.map(\.join) == [nil, .cut, .cut])
    }

    @Test("a 70 s shot: split inside it at its steadiest frame, the segments sharing the overlap frames")
    func inShot() throws {
        var changes = Array(repeating: 4.0, count: 1750)
        for i in 590...610 { changes[i] = 0.5 }
        let plan = try SegmentPlan.plan(Self.source(seconds: 70, changes: changes), limits: Self.limits)
        let (a, b) = (plan.segments[0], plan.segments[1])
        #expect(a.firstFrame == 0 && (600...611).contains(a.lastFrame), "\(a)")
        #expect(b.join == .inShot && b.firstFrame == a.lastFrame - 7)
        #expect(plan.segments.allSatisfy { $0.seconds <= 30 })
        #expect(plan.segments.last?.lastFrame == 1749)
    }

    @Test("an in-shot split from which the rest fits in one segment beats a steadier one that needs two more")
    func fewestSegments() throws {
        var changes = Array(repeating: 4.0, count: 1680)
        for i in 915...925 { changes[i] = 0.5 }
        let plan = try SegmentPlan.plan(Self.source(seconds: 70, fps: 24, cuts: [300, 1100], changes: changes), limits: Self.limits)
        #expect(plan.segments.map(\.join) == [nil, .cut, .inShot], "\(plan.segments)")
        #expect((966...1019).contains(plan.segments[1].lastFrame), "\(plan.segments)")
        #expect(plan.segments.allSatisfy { $0.seconds <= 30 })
    }

    @Test("the steadiest frame inside a dissolve is passed over")
    func notInADissolve() throws {
        var changes = Array(repeating: 4.0, count: 1750)
        for i in 590...610 { changes[i] = 0.5 }
        let plan = try SegmentPlan.plan(Self.source(seconds: 70, dissolves: [580...620], changes: changes), limits: Self.limits)
        let shared = plan.segments[1].firstFrame...plan.segments[0].lastFrame
        #expect(!shared.overlaps(580...620), "\(plan.segments)")
    }

    @Test("a cut that would leave a tail under the minimum is not used: 30.5 s with a cut at 29.5 s")
    func shortTail() throws {
        let plan = try SegmentPlan.plan(Self.source(seconds: 30.5, cuts: [737]), limits: Self.limits)
        #expect(plan.segments.count == 2)
        #expect(plan.segments.map(\.join) == [nil, .inShot])
        #expect(plan.segments.allSatisfy { $0.seconds >= 2 && $0.seconds <= 30 }, "\(plan.segments)")
    }

    @Test("a frame two segments share belongs to the later one, at its own index")
    func locate() throws {
        let plan = try SegmentPlan.plan(Self.source(seconds: 70, cuts: [500, 1000]), limits: Self.limits)
        #expect(plan.locate(sourceFrame: 0)! == (0, 0))
        #expect(plan.locate(sourceFrame: 520)! == (1, 20))
        #expect(plan.locate(sourceFrame: 1749)! == (2, 749))
        #expect(plan.locate(sourceFrame: 1750) == nil)
        let inShot = try SegmentPlan.plan(Self.source(seconds: 45), limits: Self.limits)
        let shared = inShot.segments[1].firstFrame
        #expect(inShot.locate(sourceFrame: shared)! == (1, 0))
        #expect(inShot.locate(sourceFrame: shared - 1)! == (0, shared - 1))
    }

    @Test("a frame longer than the limit, and limits leaving no room, are errors")
    func impossible() {
        let still = SegmentPlan.Source(frameStarts: [0, 40], duration: 45, cuts: [], dissolves: [], changes: [0, 0])
        #expect(throws: SegmentPlanError.frameTooLong(frame: 0, seconds: 40, limit: 30)) { try SegmentPlan.plan(still, limits: Self.limits) }
        #expect(throws: SegmentPlanError.limits(2, 2)) {
            try SegmentPlan.plan(Self.source(seconds: 10), limits: SegmentPlan.Limits(maxSeconds: 2, minSeconds: 2))
        }
    }

    @Test("random long sources: every frame covered in order, every segment within the limits, joins as planned")
    func randomSources() throws {
        var random = SeededGenerator(seed: 19)
        for _ in 0..<200 {
            let fps = [24.0, 25, 30, 29.97].randomElement(using: &random)!
            let seconds = Double.random(in: 31...150, using: &random)
            let count = Int((seconds * fps).rounded())
            let cuts = (0..<Int.random(in: 0...12, using: &random)).map { _ in Int.random(in: 1..<count, using: &random) }
            let changes = (0..<count).map { _ in Double.random(in: 0...10, using: &random) }
            let source = Self.source(seconds: seconds, fps: fps, cuts: Array(Set(cuts)).sorted(), changes: changes)
            let plan = try SegmentPlan.plan(source, limits: Self.limits)
            #expect(plan.segments.first?.firstFrame == 0 && plan.segments.last?.lastFrame == count - 1)
            for segment in plan.segments {
                #expect(segment.seconds <= 30 + 1e-9 && segment.seconds >= 2 - 1e-9, "\(segment)")
            }
            for (a, b) in zip(plan.segments, plan.segments.dropFirst()) {
                switch b.join {
                case .cut: #expect(b.firstFrame == a.lastFrame + 1 && source.cuts.contains(b.firstFrame))
                case .inShot: #expect(b.firstFrame == a.lastFrame - plan.overlap + 1)
                case nil: Issue.record("a later segment without a join")
                }
            }
        }
    }
}

@Suite("cutting a long source into its segments")
struct SegmentCutterTests {
    /// 35 s of stamped frames, with a cut at frame 240, planned in segments of at most 12 s.
    static func long35sPlan() throws -> (spec: FixtureSpec, clip: Clip, plan: SegmentPlan) {
        let spec = Fixtures.spec("long35s.mp4")
        let clip = Clip(spec.path)
        let timeline = try clip.timeline()
        let source = SegmentPlan.Source(frameStarts: timeline.frameStarts, duration: timeline.duration, cuts: [240], dissolves: [],
                                        changes: Array(repeating: 1, count: timeline.frameStarts.count))
        return (spec, clip, try SegmentPlan.plan(source, limits: SegmentPlan.Limits(maxSeconds: 12)))
    }

    @Test("35 s of stamped frames cut into segments of at most 12 s: each file holds exactly its frames, stamps first to last")
    func frameExact() throws {
        let (spec, clip, plan) = try SegmentCutterTests.long35sPlan()
        #expect(plan.segments.count >= 3 && plan.segments.contains { $0.join == .cut } && plan.segments.contains { $0.join == .inShot })
        let out = TemporaryDirectory()
        let files = try SegmentCutter.cut(clip, plan, into: out.path, for: .edit)
        #expect(files.count == plan.segments.count)
        for (file, segment) in zip(files, plan.segments) {
            #expect(try file.probe().video.frameCount == segment.frameCount, "\(segment)")
            let stills = try StillExtractor.images(from: file, at: [0, segment.frameCount - 1])
            #expect(FrameStamp.read(stills[0]!, cell: Double(spec.stampCell!)) == segment.firstFrame)
            #expect(FrameStamp.read(stills[segment.frameCount - 1]!, cell: Double(spec.stampCell!)) == segment.lastFrame)
        }
    }
}

@Suite("stitching segment results back on the source's frame grid")
struct StitchTests {
    @Test("35 s of stamped frames cut into segments and stitched back (results = the segments, as an echo): every frame in its place, the audio kept")
    func echoRoundTrip() throws {
        let (spec, clip, plan) = try SegmentCutterTests.long35sPlan()
        let out = TemporaryDirectory()
        let results = try SegmentCutter.cut(clip, plan, into: out.path, for: .edit)
        let parts = zip(results, plan.segments).map { StitchPart(result: $0, firstFrame: $1.firstFrame, lastFrame: $1.lastFrame) }
        let report = try Stitcher.stitch(source: clip, parts: parts, to: out.file("stitched.mp4"))
        #expect(report.frames == 840 && report.parts.allSatisfy { !$0.retimed && abs($0.drift) < 0.05 }, "\(report.parts)")
        let stitched = Clip(out.file("stitched.mp4"))
        let probe = try stitched.probe()
        #expect(probe.video.frameCount == 840)
        #expect(probe.audio.count == (try clip.probe().audio.count))
        let overlap = plan.segments.first { $0.join == .inShot }!.firstFrame
        let checked = [0, 239, 240, overlap, overlap + 3, overlap + 7, overlap + 8, 839]
        let stills = try StillExtractor.images(from: stitched, at: checked)
        for frame in checked {
            #expect(FrameStamp.read(stills[frame]!, cell: Double(spec.stampCell!)) == frame, "frame \(frame)")
        }
    }
}

extension StitchTests {
    @Test("a result at 24 fps for a 25 fps source is retimed by presentation time, said in the report; the output keeps the source's 50 frames")
    func retimed() throws {
        let (source, result) = (Fixtures.spec("anamorphic.mkv"), Fixtures.spec("hevc10_pq.mp4"))
        let out = TemporaryDirectory()
        let report = try Stitcher.stitch(source: Clip(source.path), parts: [StitchPart(result: Clip(result.path), firstFrame: 0, lastFrame: 49)],
                                         to: out.file("retimed.mp4"))
        let part = try #require(report.parts.first)
        #expect(report.parts.count == 1 && part.resultFrames == 48 && part.retimed && abs(part.drift) < 0.01, "\(report.parts)")
        let stitched = Clip(out.file("retimed.mp4"))
        #expect(try stitched.probe().video.frameCount == 50)
        let stills = try StillExtractor.images(from: stitched, at: 0..<50)
        for frame in 0..<50 {
            // Frame n shows n/25 s, which the 24 fps result shows in its frame ⌊n·24/25⌋.
            #expect(FrameStamp.read(stills[frame]!, cell: Double(result.stampCell!)) == frame * 24 / 25, "frame \(frame)")
        }
    }
}
