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

    @Test("a moving clip with no cut is one shot", arguments: ["h264_bframes_aac.mp4", "long35s.mp4", "rotated90.mp4"])
    func noCuts(_ file: String) throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path(file)))
        #expect(report.cuts.isEmpty && report.dissolves.isEmpty, "\(report.changes.max() ?? 0)")
        #expect(report.shots.count == 1)
    }
}
