import RayModels
import Testing

@Suite("Prompt rules, all three models")
struct PromptRuleTests {
    /// The findings of a request of `model` with `prompt` and otherwise valid fields.
    static func findings(_ model: RayModel, prompt: String) -> [Finding] {
        switch model {
        case .generate: GenerateRequest(prompt: prompt).validate()
        case .edit: EditRequest(prompt: prompt, video: .asset("asset_source_clip")).validate(sourceFrameCount: nil)
        case .reframe: ReframeRequest(prompt: prompt, video: .asset("asset_source_clip"), aspectRatio: .square).validate(sourceNearestRatio: nil)
        }
    }

    @Test("a blank prompt is an error on every model", arguments: RayModel.allCases, ["", "   ", "\n\t "])
    func required(model: RayModel, prompt: String) throws {
        let findings = Self.findings(model, prompt: prompt)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "prompt")
        #expect(finding.rule == "\([RayModel.generate: "generate", .edit: "edit", .reframe: "reframe"][model]!).prompt.required")
        #expect(finding.fix.asFlags.contains("--prompt"))
    }

    /// One user-visible character each: ASCII, precomposed é, e + combining acute, skin-toned thumb, family ZWJ sequence.
    static let characters = ["a", "\u{E9}", "e\u{301}", "👍🏽", "👨‍👩‍👧"]

    @Test("6000 characters pass and 6001 fail, counted as users count them", arguments: RayModel.allCases, characters)
    func length(model: RayModel, character: String) throws {
        let tooLong = { (findings: [Finding]) in findings.filter { $0.rule.hasSuffix(".prompt.tooLong") } }
        #expect(tooLong(Self.findings(model, prompt: repeated(character, 6000))).isEmpty)
        let findings = tooLong(Self.findings(model, prompt: repeated(character, 6001)))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "prompt")
        #expect(finding.message.contains("6001 characters"))
        #expect(finding.fix.asFlags == "shorten --prompt by 1 character")
    }

    @Test("a valid prompt of each model draws nothing", arguments: RayModel.allCases)
    func valid(model: RayModel) {
        #expect(Self.findings(model, prompt: "Extend the kitchen scene to the left and right, keeping the same warm light").isEmpty)
    }
}
