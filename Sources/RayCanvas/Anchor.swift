/// Where the source sits on a larger canvas (Reframe) or where a crop window sits in a frame.
///
/// `left`/`right` place along the width, `top`/`bottom` along the height, `focus` along both; the other axis is centred.
public enum Anchor: Sendable, Equatable, Codable, CustomStringConvertible {
    case center, left, right, top, bottom
    /// A point in normalised frame coordinates: x and y in 0…1, from the top-left corner.
    case focus(x: Double, y: Double)

    /// Parses `center` (or `centre`), `left`, `right`, `top`, `bottom` or a point `x,y` with both in 0…1 (`0.3,0.6`).
    public init?(parsing text: String) {
        let word = text.trimmingWhitespace.lowercased()
        switch word {
        case "center", "centre": self = .center
        case "left": self = .left
        case "right": self = .right
        case "top": self = .top
        case "bottom": self = .bottom
        default:
            let parts = word.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2,
                  let x = Double(String(parts[0]).trimmingWhitespace), let y = Double(String(parts[1]).trimmingWhitespace),
                  (0...1).contains(x), (0...1).contains(y) else { return nil }
            self = .focus(x: x, y: y)
        }
    }

    /// `center`, `left`, … or `x,y` for a focus point; parses back to the same anchor.
    public var description: String {
        switch self {
        case .center: "center"
        case .left: "left"
        case .right: "right"
        case .top: "top"
        case .bottom: "bottom"
        case .focus(let x, let y): "\(x),\(y)"
        }
    }

    public init(from decoder: any Swift.Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let anchor = Anchor(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an anchor: \(text)"))
        }
        self = anchor
    }

    public func encode(to encoder: any Swift.Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The anchor's position along one axis, 0 (left/top) … 1 (right/bottom); 0.5 when it names the other axis.
    func position(horizontal: Bool) -> Double {
        return switch self {
        case .center: 0.5
        case .left: horizontal ? 0 : 0.5
        case .right: horizontal ? 1 : 0.5
        case .top: horizontal ? 0.5 : 0
        case .bottom: horizontal ? 0.5 : 1
        case .focus(let x, let y): (horizontal ? x : y).isNaN ? 0.5 : min(max(horizontal ? x : y, 0), 1)
        }
    }

    /// Whether this is a focus point (its position is where a crop window's centre goes, not a share of the free space).
    var isFocus: Bool {
        if case .focus = self { true } else { false }
    }
}
