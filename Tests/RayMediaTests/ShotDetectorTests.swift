import Foundation
import RayKitTestSupport
import RayMedia
import Testing

@Suite("shot detection")
struct ShotDetectorTests {
    @Test("every hard cut is found at its exact frame, the dissolve as a span, and no cut inside a shot")
    func cutsAndDissolve() throws {
        let spec = Fixtures.spec("shots.mp4")
        let report = try ShotDetector.detect(Clip(spec.path))
        #expect(report.cuts == spec.cuts)
        let made = try #require(spec.dissolves?.first)
        let found = try #require(report.dissolves.first, "\(report.changes)")
        #expect(report.dissolves.count == 1)
        #expect(abs(found.firstFrame - made[0]) <= 2 && abs(found.lastFrame - made[1]) <= 2, "\(found)")
        #expect(report.shots.map(\.begins) == [.clipStart, .cut, .cut, .dissolve])
        #expect(report.shots.map(\.firstFrame).prefix(3) == [0, 30, 60])
        #expect(report.shots.last?.lastFrame == spec.frameCount! - 1)
        for shot in report.shots {
            #expect((shot.firstFrame...shot.lastFrame).contains(shot.representativeFrame))
        }
    }

    @Test("a flash inside a shot is a flash, not a cut or a shot; the real cuts and dissolve stay where they are")
    func flash() throws {
        let spec = Fixtures.spec("shots.mp4")
        let folder = TemporaryDirectory()
        let clip = try Fixtures.edited("shots.mp4", Fixtures.flashFilter, into: folder)
        let report = try ShotDetector.detect(Clip(clip))
        #expect(report.cuts == spec.cuts, "\(report.cuts)")
        #expect(report.flashes.map { [$0.firstFrame, $0.lastFrame] } == [[12, 13]], "\(report.flashes)")
        #expect(report.dissolves.count == 1 && report.shots.count == 4, "\(report.dissolves)")
        #expect(report.shots.allSatisfy { $0.lastFrame - $0.firstFrame >= 2 })
    }

    @Test("a block of another picture crossing the last shot is no cut and no dissolve")
    func crossing() throws {
        let spec = Fixtures.spec("shots.mp4")
        let folder = TemporaryDirectory()
        // The first shot's picture, 100x150 and darkened, slides left to right across frames 95-114 at 22 px a frame.
        let block = "[0:v]split[main][source];[source]trim=start_frame=0:end_frame=1,crop=100:150:40:10,eq=brightness=-0.2,loop=200:1:0,setpts=N/30/TB[block]"
        let clip = try Fixtures.edited("shots.mp4", "\(block);[main][block]overlay=x='-100+(n-95)*22':y=15:enable='between(n,95,114)':eof_action=pass",
                                       into: folder)
        let report = try ShotDetector.detect(Clip(clip))
        #expect(report.cuts == spec.cuts, "\(report.cuts)")
        let made = try #require(spec.dissolves?.first)
        #expect(report.dissolves.count == 1, "\(report.dissolves)")
        #expect(report.dissolves.allSatisfy { abs($0.firstFrame - made[0]) <= 2 && abs($0.lastFrame - made[1]) <= 2 }, "\(report.dissolves)")
    }

    @Test("a whip pan into a drifting shot is no dissolve; the hard cut after it is found (from the labelled set)")
    func whipPan() throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path("shots/whip_cut.mp4")))
        #expect(report.cuts == [29], "\(report.cuts)")
        #expect(report.dissolves.isEmpty, "\(report.dissolves)")
        #expect(report.shots.map(\.firstFrame) == [0, 29])
    }

    @Test("a decaying flash is one flash to its last bright frame; handheld shake has none; the dissolve stays (from the labelled set)")
    func flashAndShake() throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path("shots/flash_shake.mp4")))
        #expect(report.flashes.map { [$0.firstFrame, $0.lastFrame] } == [[8, 10]], "\(report.flashes)")
        #expect(report.cuts.isEmpty, "\(report.cuts)")
        #expect(report.dissolves.map { [$0.firstFrame, $0.lastFrame] } == [[28, 35]], "\(report.dissolves)")
    }

    @Test("a moving clip with no cut is one shot", arguments: ["h264_bframes_aac.mp4", "long35s.mp4", "rotated90.mp4"])
    func noCuts(_ file: String) throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path(file)))
        #expect(report.cuts.isEmpty && report.dissolves.isEmpty, "\(report.changes.max() ?? 0)")
        #expect(report.shots.count == 1)
    }
}
