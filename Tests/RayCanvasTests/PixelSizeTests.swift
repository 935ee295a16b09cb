import Foundation
import PropertyBased
import RayCanvas
import Testing

@Suite("PixelSize, Resolution and delivered sizes")
struct PixelSizeTests {
    @Test("parses WxH", arguments: [("1920x1080", 1920, 1080), ("1080X1920", 1080, 1920), (" 854×480 ", 854, 480), ("1x1", 1, 1)])
    func parses(_ text: String, _ width: Int, _ height: Int) throws {
        let size = try #require(PixelSize(parsing: text))
        #expect(size == PixelSize(width: width, height: height))
    }

    @Test("refuses malformed sizes", arguments: ["", "1920", "1920x", "x1080", "0x1080", "1920x0", "-1920x1080", "+1920x1080",
                                                 "19.2x10", "1920x1080x3", "1920:1080", "abcxdef"])
    func refuses(_ text: String) {
        #expect(PixelSize(parsing: text) == nil)
    }

    @Test("description, ratio, area, window size")
    func basics() {
        let size = PixelSize(width: 1920, height: 1080)
        #expect(size.description == "1920x1080")
        #expect(size.ratio == AspectRatio(16, 9))
        #expect(size.area == 2_073_600)
        #expect(PixelSize(parsing: size.description) == size)
        #expect(PixelSize(CropRect(x: 4, y: 6, width: 608, height: 1080)) == PixelSize(width: 608, height: 1080))
    }

    @Test("Codable round trip")
    func codable() throws {
        let size = PixelSize(width: 1280, height: 720)
        let decoded = try JSONDecoder().decode(PixelSize.self, from: JSONEncoder().encode(size))
        #expect(decoded == size)
        #expect(try JSONDecoder().decode(Resolution.self, from: Data(#""720p""#.utf8)) == .p720)
    }

    @Test("resolution lines")
    func lines() {
        #expect(Resolution.allCases.map(\.lines) == [540, 720, 1080])
        #expect(Resolution.allCases.map(\.rawValue) == ["540p", "720p", "1080p"])
    }

    @Test("delivered sizes", arguments: [
        (SupportedRatio.landscape16x9, Resolution.p720, "1280x720"), (.portrait9x16, .p1080, "1080x1920"),
        (.cinema21x9, .p1080, "2520x1080"), (.landscape4x3, .p540, "720x540"), (.square, .p720, "720x720"),
        (.portrait3x4, .p1080, "1080x1440"), (.landscape16x9, .p540, "960x540"), (.cinema21x9, .p540, "1260x540"),
    ])
    func outputSize(_ ratio: SupportedRatio, _ resolution: Resolution, _ expected: String) {
        #expect(ratio.outputSize(at: resolution).description == expected)
    }

    /// Every delivered size: short side = lines, long side even, ratio within 1 pixel of exact.
    @Test("delivered sizes keep the rule for every ratio and resolution")
    func outputSizeRule() {
        for ratio in SupportedRatio.allCases {
            for resolution in Resolution.allCases {
                let size = ratio.outputSize(at: resolution)
                let (a, b) = (ratio.ratio.width, ratio.ratio.height)
                #expect(min(size.width, size.height) == resolution.lines)
                #expect(size.width % 2 == 0 && size.height % 2 == 0)
                #expect(abs(size.width * b - size.height * a) <= max(a, b))
                #expect((size.width >= size.height) == (a >= b))
            }
        }
    }
}
