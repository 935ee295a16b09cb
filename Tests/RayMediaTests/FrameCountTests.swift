import Foundation
import RayKitTestSupport
@testable import RayMedia
import Testing

/// Inputs where the packets alone do not say which frames the decoder shows (issue #9).
@Suite("Frame counts the decoder agrees with")
struct FrameCountTests {
    /// Fixture → frames the decoder presents (`ffprobe -count_frames`) and how RayKit must count them.
    static let cases: [(file: String, frames: Int, method: FrameCountMethod)] = [
        ("program_stream.mpg", 36, .decoded),   // PES packets without PTS
        ("raw.h264", 36, .decoded),             // no timestamps at all, cannot seek
        ("raw.m2v", 36, .decoded),
        ("ts_midgop.ts", 45, .decoded),         // 63 packets; nothing shows before the first keyframe
        ("hevc_cra_rasl.ts", 48, .decoded),     // 51 packets; the CRA's RASL pictures are dropped
        ("h264_bframes_aac.mp4", 90, .packets),
        ("ts_offset.ts", 60, .packets),
        ("editlist.mp4", 45, .packets),
    ]

    @Test("probe counts what the decoder presents and says how", arguments: cases)
    func count(_ file: String, _ frames: Int, _ method: FrameCountMethod) throws {
        let video = try MediaProbe.probe(Fixtures.path(file)).video
        #expect(video.frameCount == frames)
        #expect(video.frameCountMethod == method)
        #expect(!video.frameCountEstimated)
        #expect(try MediaProbe.probe(Fixtures.path(file), exactFrameCount: false).video.frameCountMethod == .header)
    }

    @Test("frame 0, a middle frame and the last carry their own stamps, together and each from a cold start",
          arguments: cases.filter { $0.method == .decoded }.map(\.file))
    func stamps(_ file: String) throws {
        let spec = Fixtures.spec(file)
        let count = try #require(spec.frameCount)
        let out = TemporaryDirectory()
        let together = try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.start, .index(count / 2 + 1), .end]),
                                                  into: out.file("together"))
        #expect(together.map(\.frameIndex) == [0, count / 2 + 1, count - 1])
        for still in together {
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == still.frameIndex, "\(still.file)")
        }
        // Backwards, one call each: every request starts over.
        for frame in [count - 1, 1, 0] {
            let still = try #require(try StillExtractor.extract(from: spec.path, StillRequest(selectors: [.index(frame)], overwrite: true),
                                                                into: out.file("single")).first)
            #expect(try FrameStamp.read(file: still.file, cell: Double(spec.stampCell!)) == frame)
        }
    }

    @Test("one reader asked for frames out of the decoder's order goes back to the start, on the file it has open")
    func rewind() throws {
        let spec = Fixtures.spec("raw.h264")
        let clip = Clip(spec.path)
        let reader = try clip.frameSource()
        #expect(!reader.index.identifiesByTimestamp)
        var seen: [Int] = []
        try reader.read([3, 20, 35]) { (n, _) throws(MediaError) in seen.append(n) }
        try reader.read([0, 12]) { (n, _) throws(MediaError) in seen.append(n) }
        #expect(seen == [3, 20, 35, 0, 12])
        let stats = clip.readStats
        #expect(stats.opens == 1, "\(stats)")
        #expect(stats.demuxerStarts >= 3, "the index scan, the first read and the restart each start a demuxer: \(stats)")
    }
}

/// Numbers from a file that would trap if used as they come.
@Suite("Hostile numbers")
struct HostileNumberTests {
    typealias Entry = FrameIndex.Entry

    @Test("timestamps at the ends of Int64, zero durations and a zero time base give finite answers")
    func extremes() {
        let entries = [Entry(pts: Int64.min + 1, duration: 0, key: true), Entry(pts: 0, duration: -5, key: false),
                       Entry(pts: Int64.max - 1, duration: Int64.max, key: false)]
        let index = FrameIndex(entries: entries, timeBaseNum: 0, timeBaseDen: 0, firstDecodeTimestamp: Int64.min /* AV_NOPTS_VALUE */)
        #expect(index.count == 3)
        #expect(index.durations.allSatisfy { $0 > 0 })
        #expect(index.duration.isFinite && index.frameStarts.allSatisfy(\.isFinite))
        #expect(!index.isVariableFrameRate, "two steps of Int64.max - 1 and Int64.max are even")
        #expect(index.position(of: Int64.max - 1) == 2)
        #expect(index.longestGOP == 3)
    }

    @Test("one frame, and reordered entries, still give durations and starts")
    func small() {
        let one = FrameIndex(entries: [Entry(pts: 42, duration: 0, key: false)], timeBaseNum: 1, timeBaseDen: 90000,
                             firstDecodeTimestamp: 40)
        #expect(one.durations == [1] && one.frameStarts == [0] && one.firstDecodeTimestamp == 40)
        #expect(one.longestGOP == 1 && one.keyframes.isEmpty)
        let reordered = FrameIndex(entries: [Entry(pts: 0, duration: 1, key: true), Entry(pts: 3, duration: 1, key: false),
                                             Entry(pts: 1, duration: 1, key: false), Entry(pts: 2, duration: 1, key: false)],
                                   timeBaseNum: 1, timeBaseDen: 30, firstDecodeTimestamp: -1)
        #expect(reordered.timestamps == [0, 1, 2, 3] && reordered.durations == [1, 1, 1, 1])
    }

    @Test("nonsense frame rates are not used", arguments: [(Int32(1), Int32(0), false), (0, 1, false), (-25, 1, false), (Int32.max, 1, false),
                                                           (1, Int32.max, false), (25, 1, true), (30000, 1001, true)])
    func rates(_ num: Int32, _ den: Int32, _ plausible: Bool) {
        #expect(FrameIndex.isPlausibleRate(num: num, den: den) == plausible)
    }
}
