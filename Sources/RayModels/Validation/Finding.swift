/// One problem with a request or a source, with the field, the rule and the fix.
public struct Finding: Codable, Sendable, Equatable, CustomStringConvertible {
    /// An error stops the request; a warning lets it go with a caveat.
    public enum Severity: String, Codable, Sendable {
        case error, warning
    }

    public let severity: Severity
    /// The request field at fault, as in JSON: `duration`, `keyframes[3].keyframeIndex`; `source` for the source video.
    public let field: String
    /// Stable id of the rule, `model.field.reason`: `generate.duration.loop`.
    public let rule: String
    /// What is wrong: `duration 10s cannot loop`.
    public let message: String
    /// What to do: `use \(.duration, "5s") or drop \(.loop)`.
    public let fix: Remedy

    public init(severity: Severity, field: String, rule: String, message: String, fix: Remedy) {
        self.severity = severity
        self.field = field
        self.rule = rule
        self.message = message
        self.fix = fix
    }

    /// `error: duration 10s cannot loop: use duration 5s or drop loop`.
    public var description: String { "\(severity.rawValue): \(message): \(fix)" }

    static func error(_ field: String, _ rule: String, _ message: String, fix: Remedy) -> Finding {
        Finding(severity: .error, field: field, rule: rule, message: message, fix: fix)
    }

    static func warning(_ field: String, _ rule: String, _ message: String, fix: Remedy) -> Finding {
        Finding(severity: .warning, field: field, rule: rule, message: message, fix: fix)
    }
}
