import RayModels
import Testing

@Suite("Edit keyframe rules")
struct EditKeyframeTests {
    func errors(_ indexes: [Int], _ frameCount: Int?) -> [String] {
        KeyframeRules.findings(indexes, sourceFrameCount: frameCount).filter { $0.severity == .error }.map(\.rule)
    }

    @Test("64 keyframes pass, 65 do not")
    func count() {
        #expect(errors(Array(0..<64), 100).isEmpty)
        #expect(errors(Array(0..<65), 100) == ["edit.keyframes.tooMany"])
    }

    @Test("indexes must lie in the source and be distinct (errors); order is a warning")
    func indexes() {
        #expect(KeyframeRules.findings([0, 99], sourceFrameCount: 100).isEmpty)
        #expect(errors([0, 100], 100) == ["edit.keyframeIndex.range"])
        #expect(errors([-1], nil) == ["edit.keyframeIndex.range"])
        #expect(errors([3, 3], 100) == ["edit.keyframeIndex.duplicate"])
        let unordered = KeyframeRules.findings([5, 3], sourceFrameCount: 100)
        #expect(unordered.map(\.rule) == ["edit.keyframes.order"] && unordered[0].severity == .warning)
    }
}
