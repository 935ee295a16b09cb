extension GenerateRequest {
    /// Every way this request breaks Ray 3.2's documented rules, all at once; empty when it is ready.
    ///
    /// Rules (ids `generate.*`): prompt required and at most 6000 characters; endFrame needs startFrame;
    /// 10s excludes loop, HDR, startFrame and endFrame (one finding each); HDR needs 720p or 1080p
    /// (the default 720p counts); asset ids and file paths must not be blank.
    public func validate() -> [Finding] {
        var findings = CommonRules.prompt(prompt, model: .generate, describing: "the shot (subject, motion, light, camera)")
        let options: [String: OptionName] = ["startFrame": .startFrame, "endFrame": .endFrame]
        for (field, input) in assets {
            findings += CommonRules.asset(input, field: field, ruleField: field, model: .generate, giveWith: "with \(options[field] ?? .startFrame)")
        }
        if endFrame != nil, startFrame == nil {
            findings.append(.error("endFrame", "generate.endFrame.needsStartFrame",
                                   "endFrame needs a startFrame: the model interpolates between the two stills",
                                   fix: "add \(.startFrame) or drop \(.endFrame)"))
        }
        if duration == .ten {
            let conflicts: [(set: Bool, rule: String, what: String, option: OptionName)] = [
                (loop == true, "loop", "cannot loop", .loop),
                (hdr == true, "hdr", "cannot be HDR", .hdr),
                (startFrame != nil, "startFrame", "cannot take a startFrame (anchor frames need 5s)", .startFrame),
                (endFrame != nil, "endFrame", "cannot take an endFrame (anchor frames need 5s)", .endFrame),
            ]
            for conflict in conflicts where conflict.set {
                findings.append(.error("duration", "generate.duration.\(conflict.rule)", "duration 10s \(conflict.what)",
                                       fix: "use \(.duration, "5s") or drop \(conflict.option)"))
            }
        }
        findings += CommonRules.hdr(hdr, resolution: resolution, model: .generate)
        return findings
    }
}
