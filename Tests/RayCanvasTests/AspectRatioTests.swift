import RayCanvas
import Testing

@Suite("AspectRatio")
struct AspectRatioTests {
    @Test("parses the forms people write", arguments: [
        ("16:9", 16, 9), ("1920x1080", 16, 9), ("2.39:1", 239, 100), ("2.39", 239, 100),
        ("1.85", 37, 20), ("4:5", 4, 5), ("853x480", 853, 480), (" 21:9 ", 7, 3), ("1080X1920", 9, 16),
    ])
    func parses(_ text: String, _ width: Int, _ height: Int) throws {
        let ratio = try #require(AspectRatio(parsing: text))
        #expect(ratio.width == width && ratio.height == height)
    }

    @Test("refuses malformed text", arguments: ["", "16:", ":9", "0:9", "16:0", "abc", "1.2.3", "-16:9", "16:9:1", "."])
    func refuses(_ text: String) {
        #expect(AspectRatio(parsing: text) == nil)
    }

    @Test("nearest supported ratio", arguments: [
        ("16:9", "16:9"), ("2.39:1", "21:9"), ("1.85", "16:9"), ("4:5", "3:4"), ("2:3", "3:4"),
        ("9:16", "9:16"), ("1:1", "1:1"), ("1.91", "16:9"), ("5:4", "4:3"), ("3:1", "21:9"), ("1:3", "9:16"),
    ])
    func nearest(_ text: String, _ expected: String) throws {
        let ratio = try #require(AspectRatio(parsing: text))
        let nearest = SupportedRatio.nearest(to: ratio)
        #expect(nearest.ratio.rawValue == expected)
        #expect(abs(nearest.relativeError - abs(ratio.value / nearest.ratio.ratio.value - 1)) < 1e-12)
    }

    @Test("a supported ratio is its own nearest, with no error")
    func supportedIsExact() {
        for ratio in SupportedRatio.allCases {
            let nearest = SupportedRatio.nearest(to: ratio.ratio)
            #expect(nearest.ratio == ratio && nearest.relativeError == 0)
        }
    }
}
