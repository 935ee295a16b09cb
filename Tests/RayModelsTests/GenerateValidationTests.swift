import RayCanvas
import RayModels
import Testing

@Suite("Ray 3.2 Generate rules")
struct GenerateValidationTests {
    @Test("valid requests draw no findings")
    func valid() {
        #expect(Valid.generate.validate().isEmpty)
        #expect(GenerateRequest(prompt: "ok prompt", duration: .ten, resolution: .p1080, aspectRatio: .cinema21x9, loop: false, hdr: false).validate().isEmpty)
        let full = GenerateRequest(prompt: "The lighting shifts from blue hour to full sunrise",
                                   startFrame: .asset("asset_xxx"), endFrame: .file("/stills/end.png"),
                                   duration: .five, resolution: .p1080, aspectRatio: .portrait9x16, loop: true, hdr: true)
        #expect(full.validate().isEmpty)
    }

    @Test("endFrame needs startFrame")
    func endFrameNeedsStart() throws {
        var request = Valid.generate
        request.endFrame = .asset("asset_yyy")
        let finding = try #require(request.validate().first)
        #expect(request.validate().count == 1)
        #expect(finding == Finding(severity: .error, field: "endFrame", rule: "generate.endFrame.needsStartFrame",
                                   message: "endFrame needs a startFrame: the model interpolates between the two stills",
                                   fix: "add \(.startFrame) or drop \(.endFrame)"))
        request.startFrame = .asset("asset_xxx")
        #expect(request.validate().isEmpty)
    }

    static let tenSecondConflicts: [(GenerateRequest, String, String)] = [
        (GenerateRequest(prompt: "p", duration: .ten, loop: true), "generate.duration.loop", "--loop"),
        (GenerateRequest(prompt: "p", duration: .ten, hdr: true), "generate.duration.hdr", "--hdr"),
        (GenerateRequest(prompt: "p", startFrame: .asset("asset_xxx"), duration: .ten), "generate.duration.startFrame", "--start-frame"),
    ]

    @Test("10s excludes loop, HDR and startFrame, and 5s allows them", arguments: tenSecondConflicts)
    func tenSeconds(request: GenerateRequest, rule: String, flag: String) throws {
        let findings = request.validate()
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .error)
        #expect(finding.field == "duration")
        #expect(finding.rule == rule)
        #expect(finding.fix.asFlags == "use --duration 5s or drop \(flag)")
        var five = request
        five.duration = .five
        #expect(five.validate().isEmpty)
        five.duration = nil
        #expect(five.validate().isEmpty)
    }

    @Test("10s with loop, HDR, startFrame and endFrame gives one finding each, all at once")
    func tenSecondsAll() {
        let request = GenerateRequest(prompt: "p", startFrame: .asset("asset_xxx"), endFrame: .asset("asset_yyy"),
                                      duration: .ten, loop: true, hdr: true)
        #expect(rules(request.validate()) == ["generate.duration.loop", "generate.duration.hdr",
                                               "generate.duration.startFrame", "generate.duration.endFrame"])
        #expect(request.validate().first?.description == "error: duration 10s cannot loop: use duration 5s or drop loop")
        #expect(request.validate().first?.fix.asFlags == "use --duration 5s or drop --loop")
    }

    @Test("HDR needs 720p or 1080p; the default resolution counts as 720p",
          arguments: [(Resolution?.none, true), (.p540, false), (.p720, true), (.p1080, true)])
    func hdr(resolution: Resolution?, passes: Bool) {
        let request = GenerateRequest(prompt: "p", resolution: resolution, hdr: true)
        #expect(rules(request.validate()) == (passes ? [] : ["generate.hdr.resolution"]))
        #expect(GenerateRequest(prompt: "p", resolution: resolution, hdr: false).validate().isEmpty)
        if !passes {
            #expect(request.validate().first?.fix.asFlags == "use --resolution 720p or --resolution 1080p, or drop --hdr")
        }
    }

    @Test("540p, HDR and 10s report both problems")
    func hdrAndDuration() {
        let request = GenerateRequest(prompt: "p", duration: .ten, resolution: .p540, hdr: true)
        #expect(Set(rules(request.validate())) == ["generate.duration.hdr", "generate.hdr.resolution"])
    }

    @Test("asset ids and file paths must not be blank; placeholder files pass")
    func assets() {
        #expect(GenerateRequest(prompt: "p", startFrame: .file("pending")).validate().isEmpty)
        #expect(rules(GenerateRequest(prompt: "p", startFrame: .asset(" ")).validate()) == ["generate.startFrame.empty"])
        #expect(rules(GenerateRequest(prompt: "p", startFrame: .file("/a.png"), endFrame: .file("")).validate()) == ["generate.endFrame.empty"])
    }
}
