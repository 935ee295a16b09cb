import Foundation
import RayCanvas
import Testing

@Suite("Anchor")
struct AnchorTests {
    @Test("parses names and points", arguments: [
        ("center", Anchor.center), ("centre", .center), (" Left ", .left), ("RIGHT", .right), ("top", .top),
        ("bottom", .bottom), ("0.3,0.6", .focus(x: 0.3, y: 0.6)), ("0, 1", .focus(x: 0, y: 1)), ("1,0.5", .focus(x: 1, y: 0.5)),
    ])
    func parses(_ text: String, _ expected: Anchor) {
        #expect(Anchor(parsing: text) == expected)
    }

    @Test("refuses others", arguments: ["", "middle", "0.3", "0.3,", ",0.6", "1.2,0.5", "-0.1,0.5", "nan,0.5", "0.1,0.2,0.3", "top-left"])
    func refuses(_ text: String) {
        #expect(Anchor(parsing: text) == nil)
    }

    @Test("description parses back and Codable writes it", arguments: [Anchor.center, .left, .right, .top, .bottom, .focus(x: 0.25, y: 0.75)])
    func roundTrip(_ anchor: Anchor) throws {
        #expect(Anchor(parsing: anchor.description) == anchor)
        let json = try JSONEncoder().encode([anchor])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(anchor.description)\"]")
        #expect(try JSONDecoder().decode([Anchor].self, from: json) == [anchor])
    }
}
