import RayCanvas

/// Rules shared by the three models.
enum CommonRules {
    /// Prompt required (not blank) and at most `SourceLimits.maxPromptCharacters` characters as users count them.
    static func prompt(_ prompt: String, model: RayModel, describing what: String) -> [Finding] {
        var findings: [Finding] = []
        if prompt.allSatisfy(\.isWhitespace) {
            findings.append(.error("prompt", "\(model.ruleName).prompt.required",
                                   "prompt is empty: \(model.displayName) needs one",
                                   fix: "describe \(what) with \(.prompt)"))
        }
        let count = prompt.count, limit = SourceLimits.maxPromptCharacters
        if count > limit {
            findings.append(.error("prompt", "\(model.ruleName).prompt.tooLong",
                                   "prompt has \(count) characters, more than the \(limit) \(model.displayName) takes",
                                   fix: "shorten \(.prompt) by \(count - limit) character\(count - limit == 1 ? "" : "s")"))
        }
        return findings
    }

    /// An asset id or file path must not be blank. (File paths are not checked further: callers validate with
    /// placeholder files before stills exist, and the client that uploads them owns path resolution.)
    static func asset(_ input: AssetInput, field: String, ruleField: String, model: RayModel, giveWith flag: Remedy) -> [Finding] {
        let blank = switch input {
        case .asset(let id): id.allSatisfy(\.isWhitespace)
        case .file(let path): path.isEmpty
        }
        guard blank else { return [] }
        return [.error(field, "\(model.ruleName).\(ruleField).empty", "\(field) is empty",
                       fix: "give an asset id or a local file \(flag)")]
    }

    /// HDR needs 720p or 1080p; the default resolution (720p) counts.
    static func hdr(_ hdr: Bool?, resolution: Resolution?, model: RayModel) -> [Finding] {
        guard hdr == true, resolution == .p540 else { return [] }
        return [.error("hdr", "\(model.ruleName).hdr.resolution", "HDR needs 720p or 1080p, not 540p",
                       fix: "use \(.resolution, "720p") or \(.resolution, "1080p"), or drop \(.hdr)")]
    }

    /// A conditioning slider lies in 0…1 inclusive; NaN never does.
    static func slider(_ value: Double?, field: String, option: OptionName) -> [Finding] {
        guard let value, !(0...1).contains(value) else { return [] }
        let problem = value.isNaN ? "\(field) is not a number" : "\(field) \(value) is outside 0…1"
        return [.error(field, "edit.\(field).range", problem, fix: "pass \(option) between 0 and 1")]
    }
}
