import RayCanvas
import RayModels
import Testing

@Suite("Ray 3.2 Edit rules")
struct EditValidationTests {
    /// Keyframes guiding source frames `indexes`, with asset images.
    static func keyframes(_ indexes: [Int]) -> [EditKeyframeInput] {
        indexes.map { EditKeyframeInput(keyframeImage: .asset("asset_k\($0)"), keyframeIndex: $0) }
    }

    @Test("valid requests draw no findings")
    func valid() {
        #expect(Valid.edit.validate(sourceFrameCount: nil).isEmpty)
        let full = EditRequest(prompt: "Restyle as 16mm film", video: .file("/clips/source.mp4"),
                               keyframes: Self.keyframes([0, 12, 239]), editStrength: .reimagine3,
                               faceControlEnabled: true, poseControlEnabled: true, poseControlStrength: .coarse,
                               depthControlEnabled: true, depthControlBlur: 0,
                               normalsControlEnabled: true, normalsControlAugmentation: 1,
                               trajectoryControlEnabled: true, trajectoryControlSparsity: 0.5,
                               resolution: .p1080, hdr: true)
        #expect(full.validate(sourceFrameCount: 240).isEmpty)
        #expect(EditRequest(prompt: "p", video: .asset("asset_v"), startFrame: .asset("asset_s"), autoControls: true)
            .validate(sourceFrameCount: 240).isEmpty)
    }

    @Test("editStrength and autoControls are refused together, and say why")
    func strengthAndAuto() throws {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), editStrength: .flex2, autoControls: true)
        let findings = request.validate(sourceFrameCount: nil)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "editStrength")
        #expect(finding.rule == "edit.editStrength.autoControls")
        #expect(finding.message.contains("Auto Controls win"))
        #expect(finding.fix.asFlags.contains("--strength") && finding.fix.asFlags.contains("--auto-controls"))
        #expect(EditRequest(prompt: "p", video: .asset("asset_v"), editStrength: .flex2, autoControls: false).validate(sourceFrameCount: nil).isEmpty)
        #expect(EditRequest(prompt: "p", video: .asset("asset_v"), autoControls: true).validate(sourceFrameCount: nil).isEmpty)
    }

    @Test("startFrame and keyframes are exclusive")
    func startFrameAndKeyframes() throws {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), startFrame: .asset("asset_s"), keyframes: Self.keyframes([0]))
        let finding = try #require(request.validate(sourceFrameCount: 10).first)
        #expect(request.validate(sourceFrameCount: 10).count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "startFrame")
        #expect(finding.rule == "edit.startFrame.keyframes")
        #expect(finding.fix.asFlags == "drop --start-frame or --keyframes")
    }

    @Test("64 keyframes pass, 65 do not")
    func keyframeCount() throws {
        let sixtyFour = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes(Array(0..<64)))
        #expect(sixtyFour.validate(sourceFrameCount: 100).isEmpty)
        let sixtyFive = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes(Array(0..<65)))
        let findings = sixtyFive.validate(sourceFrameCount: 100)
        #expect(rules(findings) == ["edit.keyframes.tooMany"])
        #expect(findings.first?.field == "keyframes")
        #expect(findings.first?.message == "65 keyframes: Ray 3.2 Edit takes at most 64")
    }

    @Test("an index equal to the frame count fails, one less passes, negatives always fail")
    func indexRange() throws {
        let last = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes([0, 239]))
        #expect(last.validate(sourceFrameCount: 240).isEmpty)
        let past = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes([0, 240]))
        let finding = try #require(past.validate(sourceFrameCount: 240).first)
        #expect(past.validate(sourceFrameCount: 240).count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "keyframes[1].keyframeIndex")
        #expect(finding.rule == "edit.keyframeIndex.range")
        #expect(finding.message == "keyframeIndex 240 is outside the source (frames 0…239)")
        #expect(past.validate(sourceFrameCount: nil).isEmpty, "without a frame count only negatives are caught")
        let negative = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes([-1, 5]))
        #expect(rules(negative.validate(sourceFrameCount: nil)) == ["edit.keyframeIndex.range"])
        #expect(negative.validate(sourceFrameCount: nil).first?.field == "keyframes[0].keyframeIndex")
    }

    @Test("a repeated index is an error on the repeat")
    func duplicate() throws {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes([3, 3]))
        let findings = request.validate(sourceFrameCount: 10)
        #expect(rules(findings) == ["edit.keyframeIndex.duplicate"])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.field == "keyframes[1].keyframeIndex")
        #expect(findings.first?.message == "keyframeIndex 3 repeats keyframes[0]")
    }

    @Test("indexes out of order are a warning, not an error")
    func order() throws {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), keyframes: Self.keyframes([0, 20, 10]))
        let findings = request.validate(sourceFrameCount: 30)
        #expect(rules(findings) == ["edit.keyframes.order"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message == "keyframe indexes do not ascend: keyframes[2] is frame 10, after frame 20")
        #expect(Verdict(findings) == .readyWithWarnings)
    }

    @Test("an empty keyframes list is a warning")
    func emptyKeyframes() {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), startFrame: .asset("asset_s"), keyframes: [])
        #expect(rules(request.validate(sourceFrameCount: 10)) == ["edit.keyframes.empty"])
        #expect(request.validate(sourceFrameCount: 10).first?.severity == .warning)
    }

    /// Sets one slider and turns its control on.
    static func slider(_ field: String, _ value: Double) -> EditRequest {
        var request = EditRequest(prompt: "p", video: .asset("asset_v"))
        switch field {
        case "depthControlBlur": (request.depthControlEnabled, request.depthControlBlur) = (true, value)
        case "normalsControlAugmentation": (request.normalsControlEnabled, request.normalsControlAugmentation) = (true, value)
        default: (request.trajectoryControlEnabled, request.trajectoryControlSparsity) = (true, value)
        }
        return request
    }

    static let sliders = ["depthControlBlur", "normalsControlAugmentation", "trajectoryControlSparsity"]

    @Test("sliders accept 0, 0.5 and 1", arguments: sliders, [0, 0.5, 1])
    func sliderInside(field: String, value: Double) {
        #expect(Self.slider(field, value).validate(sourceFrameCount: nil).isEmpty)
    }

    @Test("sliders refuse 1.0001, -0.0001, NaN and infinity", arguments: sliders, [1.0001, -0.0001, .nan, .infinity])
    func sliderOutside(field: String, value: Double) throws {
        let findings = Self.slider(field, value).validate(sourceFrameCount: nil)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == field)
        #expect(finding.rule == "edit.\(field).range")
        #expect(finding.fix.asFlags.hasSuffix("between 0 and 1"))
    }

    @Test("slider messages name the value and flag")
    func sliderMessage() {
        let finding = Self.slider("depthControlBlur", 1.0001).validate(sourceFrameCount: nil).first
        #expect(finding?.message == "depthControlBlur 1.0001 is outside 0…1")
        #expect(finding?.fix.parts == [.text("pass "), .option(.depthBlur, value: nil), .text(" between 0 and 1")])
        #expect(Self.slider("depthControlBlur", .nan).validate(sourceFrameCount: nil).first?.message == "depthControlBlur is not a number")
    }

    @Test("HDR needs 720p or 1080p", arguments: [(Resolution?.none, true), (.p540, false), (.p720, true), (.p1080, true)])
    func hdr(resolution: Resolution?, passes: Bool) {
        let request = EditRequest(prompt: "p", video: .asset("asset_v"), resolution: resolution, hdr: true)
        #expect(rules(request.validate(sourceFrameCount: nil)) == (passes ? [] : ["edit.hdr.resolution"]))
    }

    static let tunings: [(EditRequest, String, String)] = [
        (EditRequest(prompt: "p", video: .asset("asset_v"), poseControlStrength: .coarse), "poseControlStrength", "add --pose or drop --pose-strength"),
        (EditRequest(prompt: "p", video: .asset("asset_v"), depthControlBlur: 0.5), "depthControlBlur", "add --depth or drop --depth-blur"),
        (EditRequest(prompt: "p", video: .asset("asset_v"), normalsControlAugmentation: 0.5), "normalsControlAugmentation", "add --normals or drop --normals-augmentation"),
        (EditRequest(prompt: "p", video: .asset("asset_v"), trajectoryControlSparsity: 0.5), "trajectoryControlSparsity", "add --trajectory or drop --trajectory-sparsity"),
    ]

    @Test("a tuning field without its control is a warning; with the control on it is fine", arguments: tunings)
    func tuningWithoutControl(request: EditRequest, field: String, fix: String) throws {
        let findings = request.validate(sourceFrameCount: nil)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.field == field)
        #expect(finding.rule == "edit.\(field).controlOff")
        #expect(finding.fix.asFlags == fix)
        var off = request, on = request
        switch field {
        case "poseControlStrength": (off.poseControlEnabled, on.poseControlEnabled) = (false, true)
        case "depthControlBlur": (off.depthControlEnabled, on.depthControlEnabled) = (false, true)
        case "normalsControlAugmentation": (off.normalsControlEnabled, on.normalsControlEnabled) = (false, true)
        default: (off.trajectoryControlEnabled, on.trajectoryControlEnabled) = (false, true)
        }
        #expect(rules(off.validate(sourceFrameCount: nil)) == ["edit.\(field).controlOff"])
        #expect(on.validate(sourceFrameCount: nil).isEmpty)
    }

    @Test("every problem is reported at once")
    func allAtOnce() {
        let request = EditRequest(prompt: " ", video: .asset(""), startFrame: .asset("asset_s"),
                                  keyframes: Self.keyframes([5, 5, 300]), editStrength: .adhere2, autoControls: true,
                                  depthControlBlur: 2, resolution: .p540, hdr: true)
        #expect(rules(request.validate(sourceFrameCount: 240)) == [
            "edit.prompt.required", "edit.video.empty", "edit.editStrength.autoControls", "edit.startFrame.keyframes",
            "edit.keyframeIndex.duplicate", "edit.keyframeIndex.range", "edit.depthControlBlur.range", "edit.hdr.resolution",
            "edit.depthControlBlur.controlOff",
        ])
        #expect(Verdict(request.validate(sourceFrameCount: 240)) == .needsFixing)
    }
}
