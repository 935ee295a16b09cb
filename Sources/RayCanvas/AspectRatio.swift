import Foundation

/// An exact width:height ratio, always reduced and positive.
///
/// Parses the forms people write: `16:9`, `2.39:1`, `2.39`, `1920x1080`.
public struct AspectRatio: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Reduced numerator (width part).
    public let width: Int
    /// Reduced denominator (height part).
    public let height: Int

    /// Creates the reduced ratio `width:height`.
    ///
    /// - Precondition: both sides are positive.
    public init(_ width: Int, _ height: Int) {
        precondition(width > 0 && height > 0, "aspect ratio sides must be positive")
        let divisor = gcd(width, height)
        self.width = width / divisor
        self.height = height / divisor
    }

    /// Parses `W:H`, `WxH` or a single decimal such as `2.39`; nil when malformed or not positive.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let separators: [Character] = [":", "x", "/"]
        if let sep = trimmed.firstIndex(where: { separators.contains($0) }) {
            guard let w = Decimal(exactly: String(trimmed[..<sep])),
                  let h = Decimal(exactly: String(trimmed[trimmed.index(after: sep)...])) else { return nil }
            self.init(w.numerator * h.denominator, h.numerator * w.denominator)
        } else {
            guard let value = Decimal(exactly: trimmed) else { return nil }
            self.init(value.numerator, value.denominator)
        }
    }

    /// The ratio as a decimal (width / height).
    public var value: Double { Double(width) / Double(height) }

    /// `W:H`, reduced.
    public var description: String { "\(width):\(height)" }

    /// The ratio turned a quarter (portrait ↔ landscape).
    public var rotated: AspectRatio { AspectRatio(height, width) }

    /// Distance between two ratios that treats 2× wider and 2× taller alike: |ln(a/b)|.
    public func logDistance(to other: AspectRatio) -> Double {
        abs(log(value / other.value))
    }

    public init(from decoder: any Swift.Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ratio = AspectRatio(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an aspect ratio: \(text)"))
        }
        self = ratio
    }

    public func encode(to encoder: any Swift.Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (abs(a), abs(b))
    while b != 0 { (a, b) = (b, a % b) }
    return max(a, 1)
}

/// A small exact decimal (`2.39` = 239/100), enough to parse ratios without floating point.
private struct Decimal {
    let numerator: Int
    let denominator: Int

    init?(exactly text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])), whole < 1_000_000 else { return nil }
        var denominator = 1
        for _ in fraction { denominator *= 10 }
        let numerator = whole * denominator + (Int(fraction.isEmpty ? "0" : fraction) ?? 0)
        guard numerator > 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }
}
