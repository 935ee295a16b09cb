import RayKit
import RayKitTestSupport
import Testing

/// `import RayKit` alone reaches every public module: what an app depending on the one product writes.
@Suite struct ExportsTests {
    @Test func oneImportReachesEveryModule() throws {
        #expect(RayKitVersion.current.split(separator: ".").count == 3)          // RayVersion
        #expect(AspectRatio(16, 9).value > 1.7)                                   // RayCanvas
        #expect(RayModel.allCases.count >= 3)                                     // RayModels
        #expect(ReframeInput(prompt: "a wider beach", aspectRatio: .portrait9x16).aspectRatio == .portrait9x16)  // RayPipeline
        #expect(ScenarioError.self == ScenarioError.self)                         // RayAPI
        #expect(try Clip(Fixtures.path("h264_bframes_aac.mp4")).probe().video.frameCount > 0)  // RayMedia
    }
}
