import RayModels

extension Remedy {
    /// Spells an option as raykit's flag: `--resolution 720p`, `--hdr`.
    static let flag: Speller = { option, value in "--" + option.rawValue + (value.map { " " + $0 } ?? "") }

    /// The advice with its options as flags.
    var asFlags: String { rendered(Self.flag) }
}

extension Finding {
    /// `error: duration 10s cannot loop: use --duration 5s or drop --loop`.
    var line: String { "\(severity.rawValue): \(message): \(fix.asFlags)" }
}
