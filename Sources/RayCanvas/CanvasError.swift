import Foundation

/// Why a reframe, crop or ratio plan can't be made.
public enum CanvasError: Error, LocalizedError, Equatable, Sendable {
    /// A size is zero, negative or absurdly large.
    case invalidSize(String)
    /// The source already has the target ratio: Reframe would add (almost) nothing.
    case nothingToOutpaint(String)
    /// The frame is too small to hold an even-sided window of the ratio.
    case windowTooSmall(String)

    public var errorDescription: String? {
        switch self {
        case .invalidSize(let message), .nothingToOutpaint(let message), .windowTooSmall(let message): message
        }
    }
}
