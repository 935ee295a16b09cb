import RayModels
import Testing

@Suite("Model ids and parameter values")
struct ParameterTests {
    @Test("model ids and names")
    func models() {
        #expect(RayModel.allCases.map(\.rawValue) == ["model_luma-ray-3-2", "model_luma-ray-3-2-edit", "model_luma-ray-3-2-reframe"])
        #expect(RayModel.allCases.map(\.displayName) == ["Ray 3.2", "Ray 3.2 Edit", "Ray 3.2 Reframe"])
    }

    @Test("values as the documentation spells them, and its defaults")
    func values() {
        #expect(ClipDuration.allCases.map(\.rawValue) == ["5s", "10s"])
        #expect(EditStrength.allCases.map(\.rawValue) == ["adhere_1", "adhere_2", "adhere_3", "flex_1", "flex_2", "flex_3",
                                                           "reimagine_1", "reimagine_2", "reimagine_3"])
        #expect(PoseStrength.allCases.map(\.rawValue) == ["precise", "coarse"])
        #expect(ClipDuration.default == .five)
        #expect(EditStrength.default == .adhere1)
        #expect(PoseStrength.default == .precise)
        #expect(GenerateRequest.defaultResolution == .p720)
        #expect(GenerateRequest.defaultAspectRatio == .landscape16x9)
        #expect(EditRequest.defaultResolution == .p720)
        #expect(ReframeRequest.defaultResolution == .p720)
    }
}
