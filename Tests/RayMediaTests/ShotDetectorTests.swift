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

    @Test("a diagonal wipe whose first and last frames change only a corner is found to those frames (from the labelled set)")
    func wipeCorner() throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path("shots/wipe_corner.mp4")))
        #expect(report.dissolves.map { [$0.firstFrame, $0.lastFrame] } == [[12, 32]], "\(report.dissolves)")
        #expect(report.shots.map(\.firstFrame) == [0, 33])
    }

    @Test("a fade out and a fade in parted by two alike black frames are one dip, to its exact frames (from the labelled set)")
    func dipShortBlack() throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path("shots/dip_short_black.mp4")))
        #expect(report.dissolves.map { [$0.firstFrame, $0.lastFrame] } == [[10, 32]], "\(report.dissolves)")
        #expect(report.cuts.isEmpty && report.shots.map(\.firstFrame) == [0, 33], "\(report.cuts)")
    }

    @Test("a moving clip with no cut is one shot", arguments: ["h264_bframes_aac.mp4", "long35s.mp4", "rotated90.mp4"])
    func noCuts(_ file: String) throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path(file)))
        #expect(report.cuts.isEmpty && report.dissolves.isEmpty, "\(report.changes.max() ?? 0)")
        #expect(report.shots.count == 1)
    }
}

@Suite("sparse shot decoding")
struct SparseShotTests {
    /// What `decoding` finds in `path` that must not depend on it (frame count, cuts, dissolves, flashes,
    /// each shot's span and start), and the frames it decoded.
    private func shots(_ path: String, _ decoding: ShotDetector.Decoding) throws -> (report: ShotReport, found: [String], decoded: Int) {
        var options = ShotDetector.Options()
        options.decoding = decoding
        let clip = Clip(path)
        let report = try ShotDetector.detect(clip, options)
        let found = ["\(report.frameCount) frames", "cuts \(report.cuts)", "dissolves \(report.dissolves)", "flashes \(report.flashes)"]
            + report.shots.map { "\($0.firstFrame)-\($0.lastFrame) \($0.begins)" }
        return (report, found, clip.readStats.framesDecoded)
    }

    @Test("the sparse decode finds the full decode's cuts, dissolves, flashes and shots",
          arguments: ["shots.mp4", "long70s.mp4", "long35s.mp4", "h264_bframes_aac.mp4", "bframes_h264.mkv", "hevc10_hlg_opengop.mp4",
                      "vfr.mp4", "hevc_cra_rasl.ts", "prores_pcm.mov"])
    func sameShots(_ file: String) throws {
        #expect(try shots(Fixtures.path(file), .sparse).found == shots(Fixtures.path(file), .full).found)
    }

    @Test("on a long still clip with cuts, a dissolve and a one-frame flash, the sparse decode finds them at their frames and decodes fewer frames")
    func stillClip() throws {
        let spec = Fixtures.spec("shots.mp4")
        let folder = TemporaryDirectory()
        // shots.mp4 with 40 s of its first picture before it and of its last after it (1200 frames each), and frame 2000 over-exposed.
        let clip = try Fixtures.edited("shots.mp4", "[0:v]tpad=start_mode=clone:start_duration=40:stop_mode=clone:stop_duration=40,"
                                       + "eq=brightness=0.5:contrast=0.6:enable='eq(n,2000)'", into: folder)
        let sparse = try shots(clip, .sparse)
        let full = try shots(clip, .full)
        #expect(sparse.found == full.found)
        #expect(sparse.report.frameCount == spec.frameCount! + 2400)
        #expect(sparse.report.cuts == spec.cuts!.map { $0 + 1200 })
        let made = try #require(spec.dissolves?.first).map { $0 + 1200 }
        let found = try #require(sparse.report.dissolves.first)
        #expect(sparse.report.dissolves.count == 1 && abs(found.firstFrame - made[0]) <= 2 && abs(found.lastFrame - made[1]) <= 2, "\(found)")
        #expect(sparse.report.flashes.map { [$0.firstFrame, $0.lastFrame] } == [[2000, 2000]], "\(sparse.report.flashes)")
        #expect(full.decoded == spec.frameCount! + 2400)
        #expect(sparse.decoded < 2000, "\(sparse.decoded) frames decoded")
    }

    @Test("changes that come and go between two alike keyframes 2 s apart (a dip to black and back, a cut away and back, a flash) are found as a full decode finds them")
    func comingAndGoingBetweenKeyframes() throws {
        let folder = TemporaryDirectory()
        let clip = try Fixtures.edited("shots.mp4", Fixtures.comingAndGoingFilter, into: folder, gop: 60)
        let sparse = try shots(clip, .sparse)
        let full = try shots(clip, .full)
        #expect(sparse.found == full.found)
        #expect(full.report.cuts == [250, 266])
        #expect(full.report.flashes.map { [$0.firstFrame, $0.lastFrame] } == [[400, 402]], "\(full.report.flashes)")
        #expect(full.decoded == 600)
        #expect(sparse.decoded < full.decoded, "\(sparse.decoded) frames decoded")
    }

    @Test("automatic decoding of a long clip whose keyframes show it moving everywhere decodes every frame and, besides, only its keyframes")
    func automaticMoving() throws {
        let spec = Fixtures.spec("long70s.mp4")
        let (report, _, decoded) = try shots(spec.path, .automatic)
        #expect(report.frameCount == spec.frameCount!)
        #expect(decoded == spec.frameCount! + spec.keyframeCount!)
    }

    @Test("automatic decoding decodes every frame of a short clip")
    func automaticShort() throws {
        let decoded = try shots(Fixtures.path("shots.mp4"), .automatic).decoded
        #expect(decoded == Fixtures.spec("shots.mp4").frameCount!)
    }
}
