import Foundation
import RayCanvas
import RayKitTestSupport
import RayMedia
import RayModels
@testable import RayPipeline
import Testing

@Suite("fix plans: the least work, decided before encoding")
struct FixPlanTests {
    @Test("a compliant H.264 MP4 starting at 0 is only remuxed; its picture is kept")
    func remux() throws {
        let plan = try Preflight.planFix(Fixtures.path("h264_bframes_aac.mp4"), .init(resolution: .p540))
        #expect(plan.method == .remux)
        #expect(plan.output == PixelSize(width: 640, height: 360))
    }

    @Test("a source larger than the request is scaled down to the requested lines")
    func downscale() throws {
        let plan = try Preflight.planFix(Fixtures.path("odd_444.mp4"), .init(resolution: .p540))
        #expect(plan.method == .reencode)
        #expect(plan.output.height == 540 && abs(Double(plan.output.width) / 540 - 1916.0 / 1078) < 0.01)
    }

    @Test("a long clip is trimmed to the limit; a variable rate is resampled")
    func trimAndResample() throws {
        let long = try Preflight.planFix(Fixtures.path("long35s.mp4"))
        #expect(long.trim == 0...SourceLimits.maxSourceSeconds && !long.resample)
        let vfr = try Preflight.planFix(Fixtures.path("vfr.mp4"))
        #expect(vfr.resample)
    }

    @Test("an Edit or Reframe source over the limit is refused, keyframes or not, and nothing is encoded (no silent trim)")
    func longSourceRefused() throws {
        let folder = TemporaryDirectory()
        let long = Fixtures.path("long35s.mp4")
        var edit = EditInput(prompt: "Warm grade")
        for keyframes in [nil, KeyframeSource(parsing: "0,700")] {
            edit.keyframes = keyframes
            let refused = try RequestPlanner.edit(edit, video: long, folder: folder.path)
            let finding = try #require(refused.findings.first { $0.rule == "source.duration" })
            #expect(finding.severity == .error && refused.verdict == .needsFixing)
            #expect(finding.fix.parts.contains(.option(.trim, value: "START-END")))
        }
        let reframe = try RequestPlanner.reframe(ReframeInput(prompt: "Extend the street on both sides", aspectRatio: .portrait9x16),
                                                 video: long, folder: folder.path)
        #expect(reframe.findings.contains { $0.rule == "source.duration" && $0.severity == .error })
        #expect(!FileManager.default.fileExists(atPath: folder.file("source.mp4")), "nothing encoded")
    }
}
