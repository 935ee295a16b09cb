/// A frame size in pixels, written `1920x1080`.
public struct PixelSize: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// The largest side the planners accept, in pixels.
    public static let maximumSide = 1_000_000

    /// Creates a size; nothing is checked here (planners reject non-positive sizes).
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The size of a crop window.
    public init(_ rect: CropRect) {
        self.init(width: rect.width, height: rect.height)
    }

    /// Parses `WxH` (`1920x1080`, `1080X1920`, `1920×1080`); nil unless both sides are positive whole numbers.
    public init?(parsing text: String) {
        let parts = text.trimmingWhitespace.split(omittingEmptySubsequences: false) { "xX×".contains($0) }
        guard parts.count == 2, let width = Self.side(parts[0]), let height = Self.side(parts[1]) else { return nil }
        self.init(width: width, height: height)
    }

    /// The reduced width:height ratio.
    ///
    /// - Precondition: both sides are positive.
    public var ratio: AspectRatio { AspectRatio(width, height) }

    /// Width × height, in pixels.
    public var area: Int { width * height }

    /// `1920x1080`.
    public var description: String { "\(width)x\(height)" }

    /// Whether both sides are in 1…``maximumSide``.
    var isValid: Bool { (1...Self.maximumSide).contains(width) && (1...Self.maximumSide).contains(height) }

    private static func side(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 7, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(text), value > 0 else { return nil }
        return value
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
