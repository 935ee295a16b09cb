/// The overall state of a request from its findings.
public enum Verdict: String, Codable, Sendable {
    case ready
    case readyWithWarnings = "ready with warnings"
    case needsFixing = "needs fixing"

    /// `needsFixing` if any finding is an error, else `readyWithWarnings` if there are any, else `ready`.
    public init(_ findings: [Finding]) {
        if findings.contains(where: { $0.severity == .error }) {
            self = .needsFixing
        } else {
            self = findings.isEmpty ? .ready : .readyWithWarnings
        }
    }
}
