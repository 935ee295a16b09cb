import Foundation
import RayModels
import Testing

@Suite("Remedies: options named, spelled by each audience")
struct RemedyTests {
    static let remedy: Remedy = "use \(.resolution, "720p") or drop \(.hdr) (\(2) ways)"

    @Test("interpolated options stay typed; other values become text")
    func parts() {
        #expect(Self.remedy.parts == [.text("use "), .option(.resolution, value: "720p"), .text(" or drop "), .option(.hdr, value: nil),
                                      .text(" ("), .text("2"), .text(" ways)")])
    }

    @Test("each audience spells the options its way; plain words by default")
    func spelling() {
        #expect(Self.remedy.description == "use resolution 720p or drop hdr (2 ways)")
        #expect(Self.remedy.rendered { option, value in "<\(option.rawValue)=\(value ?? "on")>" } == "use <resolution=720p> or drop <hdr=on> (2 ways)")
    }

    @Test("encoded with the encoder's speller, else as plain words")
    func encoding() throws {
        let finding = Finding(severity: .error, field: "hdr", rule: "r", message: "m", fix: Self.remedy)
        let plain = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(plain.contains(#""fix":"use resolution 720p or drop hdr (2 ways)""#))
        let encoder = JSONEncoder()
        encoder.userInfo[Remedy.spellerKey] = { (option: OptionName, value: String?) in "--" + option.rawValue + (value.map { " " + $0 } ?? "") } as Remedy.Speller
        let flags = String(decoding: try encoder.encode(finding), as: UTF8.self)
        #expect(flags.contains(#""fix":"use --resolution 720p or drop --hdr (2 ways)""#))
    }

    @Test("no remedy in the model rules spells a flag itself")
    func noFlagText() {
        var request = GenerateRequest(prompt: "", duration: .ten, resolution: .p540, loop: true, hdr: true)
        request.endFrame = .asset("asset_x")
        for finding in request.validate() {
            for case .text(let text) in finding.fix.parts { #expect(!text.contains("--"), "\(finding.rule): \(text)") }
        }
    }
}
