/// A result check's overall answer, with the exit status scripts read: 0 ok, 1 warn, 2 fail.
public enum CheckVerdict: String, Codable, Sendable, Comparable {
    case ok, warn, fail

    public var exitStatus: Int32 {
        switch self {
        case .ok: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (a: CheckVerdict, b: CheckVerdict) -> Bool { a.exitStatus < b.exitStatus }
}

/// One reason behind a verdict.
public struct CheckFinding: Codable, Sendable, Equatable, CustomStringConvertible {
    public let verdict: CheckVerdict
    public let message: String

    public var description: String { "\(verdict.rawValue): \(message)" }
}

extension [CheckFinding] {
    /// The worst verdict among the findings; ok when there are none.
    var verdict: CheckVerdict { map(\.verdict).max() ?? .ok }
}
