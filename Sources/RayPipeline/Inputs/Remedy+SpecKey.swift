import RayModels

extension Remedy {
    /// Spells an option as a pipeline step's key: `"resolution": "720p"`, `"hdr": true`; an option of one of
    /// raykit's local commands as that command's (`preflight's trim START-END`).
    public static let specKey: Speller = { option, value in
        if let command = option.command { return "\(command)'s \(option.rawValue)" + (value.map { " " + $0 } ?? "") }
        return "\"\(option.rawValue)\": " + (value.map { "\"\($0)\"" } ?? "true")
    }
}
