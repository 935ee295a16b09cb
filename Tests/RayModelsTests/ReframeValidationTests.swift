import RayCanvas
import RayModels
import Testing

@Suite("Ray 3.2 Reframe rules")
struct ReframeValidationTests {
    @Test("a valid request draws no findings")
    func valid() {
        #expect(Valid.reframe.validate(sourceNearestRatio: .landscape16x9).isEmpty)
        #expect(Valid.reframe.validate(sourceNearestRatio: nil).isEmpty)
    }

    @Test("aspectRatio is required")
    func required() throws {
        var request = Valid.reframe
        request.aspectRatio = nil
        let findings = request.validate(sourceNearestRatio: .landscape16x9)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "aspectRatio")
        #expect(finding.rule == "reframe.aspectRatio.required")
        #expect(finding.fix.asFlags == "pass --aspect-ratio (9:16, 3:4, 1:1, 4:3, 16:9, 21:9)")
    }

    @Test("the target must differ from the source's nearest ratio", arguments: SupportedRatio.allCases)
    func unchanged(ratio: SupportedRatio) throws {
        var request = Valid.reframe
        request.aspectRatio = ratio
        let findings = request.validate(sourceNearestRatio: ratio)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.rule == "reframe.aspectRatio.unchanged")
        #expect(finding.message == "the source is already \(ratio.rawValue) (nearest supported ratio): nothing to outpaint")
        let other = SupportedRatio.allCases.first { $0 != ratio }!
        #expect(request.validate(sourceNearestRatio: other).isEmpty)
    }

    @Test("a prompt of fewer than 6 words is a warning",
          arguments: [("fill the canvas", 3), ("extend the bar to left", 5), ("extend the bar to the left", 6)])
    func vague(prompt: String, words: Int) {
        var request = Valid.reframe
        request.prompt = prompt
        let findings = request.validate(sourceNearestRatio: nil)
        if words < 6 {
            #expect(rules(findings) == ["reframe.prompt.vague"])
            #expect(findings.first?.severity == .warning)
            #expect(findings.first?.message == "prompt has only \(words) words: vague prompts give vague extensions")
        } else {
            #expect(findings.isEmpty)
        }
    }

    @Test("1080p to 9:16 or 3:4 is a warning; other ratios and 720p are not", arguments: SupportedRatio.allCases, [Resolution.p720, .p1080])
    func portrait1080p(ratio: SupportedRatio, resolution: Resolution) {
        let request = ReframeRequest(prompt: Valid.reframe.prompt, video: .asset("asset_v"), aspectRatio: ratio, resolution: resolution)
        let warned = resolution == .p1080 && (ratio == .portrait9x16 || ratio == .portrait3x4)
        let findings = request.validate(sourceNearestRatio: nil)
        #expect(rules(findings) == (warned ? ["reframe.resolution.portrait1080p"] : []))
        if warned {
            #expect(findings.first?.severity == .warning)
            #expect(findings.first?.field == "resolution")
            #expect(findings.first?.message == "1080p Reframe to \(ratio.rawValue) is reported as not yet available on Luma's own API")
        }
    }
}
