/// The still image formats RayKit writes (Ray 3.2 assets accept PNG, JPEG and WebP).
public enum ImageFormat: String, CaseIterable, Sendable, Codable {
    case png, jpeg

    /// File name extension without the dot.
    public var fileExtension: String { self == .png ? "png" : "jpg" }
}

/// How large a still comes out, in display pixels.
public enum StillSize: Equatable, Sendable {
    /// The clip's own display size.
    case native
    /// Shrunk (never enlarged) so the longer side is at most this many pixels.
    case maxSide(Int)
    /// Scaled so the shorter side has exactly this many lines (540, 720, 1080), enlarging if needed.
    case shortSide(Int)

    /// The output size for a picture of `width × height`, aspect kept, at least 1×1.
    public func apply(width: Int, height: Int) -> (width: Int, height: Int) {
        let scale: Double = switch self {
        case .native: 1
        case .maxSide(let side): min(1, Double(side) / Double(max(width, height)))
        case .shortSide(let lines): Double(lines) / Double(min(width, height))
        }
        guard scale != 1 else { return (width, height) }
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }
}
