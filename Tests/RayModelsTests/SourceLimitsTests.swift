import RayModels
import Testing

@Suite("Source and image limits")
struct SourceLimitsTests {
    @Test("the published numbers")
    func constants() {
        #expect(SourceLimits.maxSourceSeconds == 30)
        #expect(SourceLimits.maxSourceBytes == 100_000_000)
        #expect(SourceLimits.sourceContainers == ["mp4", "webm"])
        #expect(SourceLimits.maxImageBytes == 6_000_000)
        #expect(SourceLimits.recommendedImageBytes == 3_500_000)
        #expect(SourceLimits.gatewayBodyBytes == 10_000_000)
        #expect(SourceLimits.imageFormats == ["png", "jpeg", "webp"])
        #expect(SourceLimits.maxKeyframes == 64)
        #expect(SourceLimits.maxPromptCharacters == 6000)
        #expect(SourceLimits.reframe1080pUnavailable == [.portrait9x16, .portrait3x4])
    }

    @Test("a source of 30 s passes, 30.01 s fails")
    func seconds() {
        #expect(SourceLimits.sourceFindings(seconds: 30, bytes: nil, container: nil).isEmpty)
        let findings = SourceLimits.sourceFindings(seconds: 30.01, bytes: nil, container: nil)
        #expect(rules(findings) == ["source.duration"])
        #expect(findings.first?.field == "source")
        #expect(findings.first?.message == "source is 30.01 s long; Edit and Reframe take at most 30 s")
    }

    @Test("a source of 100 MB passes, one byte more fails")
    func bytes() {
        #expect(SourceLimits.sourceFindings(seconds: nil, bytes: 100_000_000, container: nil).isEmpty)
        #expect(rules(SourceLimits.sourceFindings(seconds: nil, bytes: 100_000_001, container: nil)) == ["source.size"])
    }

    @Test("MP4 and WebM sources pass, others fail", arguments: [("mp4", true), ("WEBM", true), ("mov", false), ("mkv", false)])
    func container(name: String, passes: Bool) {
        #expect(rules(SourceLimits.sourceFindings(seconds: 5, bytes: 1000, container: name)) == (passes ? [] : ["source.container"]))
    }

    @Test("images under 6 MB pass, 6 MB fails; above 3.5 MB warns",
          arguments: [(Int64(3_500_000), [String]()), (Int64(3_500_001), ["image.size.recommended"]),
                      (Int64(5_999_999), ["image.size.recommended"]), (Int64(6_000_000), ["image.size"])] as [(Int64, [String])])
    func imageBytes(bytes: Int64, expected: [String]) {
        #expect(rules(SourceLimits.imageFindings(field: "startFrame", bytes: bytes, format: "png")) == expected)
    }

    @Test("PNG, JPEG and WebP images pass, others fail", arguments: [("png", true), ("jpg", true), ("JPEG", true), ("webp", true), ("gif", false), ("heic", false)])
    func imageFormat(format: String, passes: Bool) {
        let findings = SourceLimits.imageFindings(field: "keyframes[2].keyframeImage", bytes: 1000, format: format)
        #expect(rules(findings) == (passes ? [] : ["image.format"]))
        #expect(findings.allSatisfy { $0.field == "keyframes[2].keyframeImage" })
    }
}
