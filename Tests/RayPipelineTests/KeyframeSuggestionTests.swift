import RayKitTestSupport
import RayMedia
import RayPipeline
import Testing

@Suite("Edit guide frames from shots")
struct KeyframeSuggestionTests {
    @Test("frame 0 and every shot's first frame come first, none inside the dissolve, no two too close")
    func shotStarts() throws {
        let spec = Fixtures.spec("shots.mp4")
        let report = try ShotDetector.detect(Clip(spec.path))
        let picks = KeyframeSuggestion.suggest(report, count: 8)
        #expect(picks.count == 8 && picks == picks.sorted())
        for start in [0] + spec.cuts! + [report.shots.last!.firstFrame] { #expect(picks.contains(start), "\(picks)") }
        let dissolve = spec.dissolves![0]
        #expect(!picks.contains { (dissolve[0] - 1...dissolve[1] + 1).contains($0) && $0 != report.shots.last!.firstFrame }, "\(picks)")
        let gaps = zip(picks, picks.dropFirst()).map { $1 - $0 }
        #expect(gaps.allSatisfy { $0 >= 4 }, "\(picks)")
    }

    @Test("no guide frame inside a flash, however much the picture changes there")
    func notInFlash() throws {
        let folder = TemporaryDirectory()
        let report = try ShotDetector.detect(Clip(try Fixtures.edited("shots.mp4", Fixtures.flashFilter, into: folder)))
        try #require(report.flashes.map { [$0.firstFrame, $0.lastFrame] } == [[12, 13]], "\(report.flashes)")
        let picks = KeyframeSuggestion.suggest(report, count: 64)
        #expect(picks.count > 8 && !picks.contains(12) && !picks.contains(13), "\(picks)")
    }

    @Test("fewer frames than shots: frame 0 and the shots with the biggest jumps; never more than 64")
    func limits() throws {
        let report = try ShotDetector.detect(Clip(Fixtures.path("shots.mp4")))
        #expect(KeyframeSuggestion.suggest(report, count: 1) == [0])
        #expect(KeyframeSuggestion.suggest(report, count: 3).count == 3)
        #expect(KeyframeSuggestion.suggest(report, count: 500).count <= 64)
    }
}
