import Foundation
import RayKitTestSupport
import RayMedia
@testable import RayPipeline
import Testing

@Suite("checking results")
struct ResultCheckTests {
    @Test("a loop cross-faded into its start is seamless; one frame dropped at its loop point, or a plain clip, fails")
    func loop() throws {
        let seamless = try LoopCheck.run(Fixtures.path("checks/loop_seamless.mp4"))
        #expect(seamless.verdict == .ok, "\(seamless.seamScore)")
        let dropped = try LoopCheck.run(Fixtures.path("checks/loop_dropped.mp4"))
        #expect(dropped.verdict == .fail && dropped.frameCount == 59, "\(dropped.seamScore)")
        let plain = try LoopCheck.run(Fixtures.path("h264_bframes_aac.mp4"))
        #expect(plain.verdict == .fail, "\(plain.seamScore)")
        #expect(plain.seamScore > seamless.seamScore * 1.5)
    }

    @Test("an edit with a frame dropped reports the drift; the same clip with its own frames as guides hits every guide")
    func edit() throws {
        let source = Fixtures.path("h264_bframes_aac.mp4")
        let drifted = try EditCheck.run(source: source, result: Fixtures.path("checks/edit_dropped.mp4"))
        #expect(drifted.verdict == .fail && drifted.resultFrames == 89 && drifted.sourceFrames == 90)
        let out = TemporaryDirectory()
        let exported = try KeyframeExport.run(clip: source, StillRequest(selectors: [.index(0), .index(45), .index(89)]), into: out.path)
        let kept = try EditCheck.run(source: source, result: source, keyframes: exported.manifest, sheet: out.file("sheet.png"))
        #expect(kept.verdict == .ok)
        #expect(kept.guides.map(\.keyframeIndex) == [0, 45, 89])
        #expect(kept.guides.allSatisfy { $0.ssim > 0.95 })
        #expect(FileManager.default.fileExists(atPath: out.file("sheet.png")))
        // The guide for frame 45 checked against the clip missing frame 45 lands on frame 46: measurably further.
        let shifted = try EditCheck.run(source: source, result: Fixtures.path("checks/edit_dropped.mp4"), keyframes: exported.manifest)
        #expect(shifted.guides[1].ssim < kept.guides[1].ssim)
    }

    @Test("raykit check exits 0 for ok, 1 for warn, 2 for fail")
    func exitStatus() async throws {
        #expect(try await RayKitCLI.run(["check", "loop", Fixtures.path("checks/loop_seamless.mp4")]).status == 0)
        #expect(try await RayKitCLI.run(["check", "loop", Fixtures.path("h264_bframes_aac.mp4")]).status == 2)
        let edit = try await RayKitCLI.run(["check", "edit", Fixtures.path("h264_bframes_aac.mp4"), Fixtures.path("checks/edit_dropped.mp4"), "--json"])
        #expect(edit.status == 2 && edit.stdout.contains("\"verdict\" : \"fail\""))
    }
}

@Suite("checking Reframe results")
struct ReframeCheckTests {
    let source = Fixtures.path("h264_bframes_aac.mp4")

    @Test("the source placed as RayKit predicts is found there and kept: ok")
    func exact() throws {
        let spec = Fixtures.spec("reframe_result_9x16.mp4")
        let check = try ReframeCheck.run(source: source, result: spec.path, sheet: TemporaryDirectory().file("sheet.png"))
        #expect(check.verdict == .ok, "\(check.findings)")
        #expect(abs(check.found.x - 0) <= 2 && abs(check.found.y - 219) <= 2 && abs(check.found.width - 360) <= 3)
        #expect(abs(check.predicted.y - 219) <= 1 && check.flaggedFrames.isEmpty)
    }

    @Test("a source scaled 2% and shifted a few pixels is found where it is, not where it was predicted")
    func shifted() throws {
        let check = try ReframeCheck.run(source: source, result: Fixtures.path("checks/reframe_shifted.mp4"))
        #expect(abs(check.found.x - -4) <= 2 && abs(check.found.y - 223) <= 2 && abs(check.found.width - 368) <= 3, "\(check.found)")
    }

    @Test("a result missing a frame fails on its timing, as an edit does")
    func dropped() throws {
        let check = try ReframeCheck.run(source: source, result: Fixtures.path("checks/reframe_dropped.mp4"))
        #expect(check.verdict == .fail)
        #expect(check.findings.contains { $0.verdict == .fail && $0.message.contains("89 frames, the source 90") }, "\(check.findings)")
    }

    @Test("a source painted over in frames 30-44 is flagged at exactly those frames")
    func painted() throws {
        let check = try ReframeCheck.run(source: source, result: Fixtures.path("checks/reframe_painted.mp4"))
        #expect(check.flaggedFrames == Array(30...44))
        #expect(check.verdict == .warn)
        #expect(ReframeCheck.ranges(check.flaggedFrames) == "30-44")
    }
}
