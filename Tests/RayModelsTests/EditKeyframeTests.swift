import RayModels
import Testing

@Suite("Edit keyframe rules")
struct EditKeyframeTests {
    @Test("64 keyframes pass, 65 do not")
    func count() {
        #expect(EditKeyframe.problems(indexes: Array(0..<64), frameCount: 100).isEmpty)
        let problems = EditKeyframe.problems(indexes: Array(0..<65), frameCount: 100)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("at most 64") == true)
    }

    @Test("indexes must lie in the source, be distinct and ascend")
    func indexes() {
        #expect(EditKeyframe.problems(indexes: [0, 99], frameCount: 100).isEmpty)
        #expect(EditKeyframe.problems(indexes: [0, 100], frameCount: 100).first?.contains("outside the source") == true)
        #expect(EditKeyframe.problems(indexes: [-1], frameCount: 100).first?.contains("outside the source") == true)
        #expect(EditKeyframe.problems(indexes: [3, 3], frameCount: 100).first?.contains("repeat") == true)
        #expect(EditKeyframe.problems(indexes: [5, 3], frameCount: 100) == ["keyframe indexes must ascend"])
    }
}
