import Foundation
import RayModels
import Testing

@Suite("Findings and verdicts")
struct FindingTests {
    static let error = Finding(severity: .error, field: "duration", rule: "generate.duration.loop",
                               message: "duration 10s cannot loop", fix: "use 5s or drop --loop")
    static let warning = Finding(severity: .warning, field: "keyframes", rule: "edit.keyframes.order",
                                 message: "keyframe indexes do not ascend", fix: "list --keyframes in source order")

    @Test("description reads severity: message: fix")
    func description() {
        #expect(Self.error.description == "error: duration 10s cannot loop: use 5s or drop --loop")
        #expect("\(Self.warning)" == "warning: keyframe indexes do not ascend: list --keyframes in source order")
    }

    @Test("verdict: no findings ready, only warnings ready with warnings, any error needs fixing",
          arguments: [([Finding](), Verdict.ready), ([warning], .readyWithWarnings), ([error], .needsFixing), ([warning, error], .needsFixing)])
    func verdict(findings: [Finding], verdict: Verdict) {
        #expect(Verdict(findings) == verdict)
    }

    @Test("verdicts and findings encode as words")
    func coding() throws {
        #expect(Verdict.readyWithWarnings.rawValue == "ready with warnings")
        #expect(Verdict.needsFixing.rawValue == "needs fixing")
        let json = try jsonObject(try JSONEncoder().encode(Self.error))
        #expect(json["severity"] as? String == "error")
        #expect(json.keys.sorted() == ["field", "fix", "message", "rule", "severity"])
    }

    @Test("verdicts of real requests")
    func fromRequests() {
        #expect(Verdict(Valid.generate.validate()) == .ready)
        #expect(Verdict(GenerateRequest(prompt: "p", duration: .ten, loop: true).validate()) == .needsFixing)
        #expect(Verdict(EditRequest(prompt: "p", video: .asset("asset_v"), poseControlStrength: .precise).validate(sourceFrameCount: nil)) == .readyWithWarnings)
    }
}
