extension EditRequest {
    /// Every way this request breaks Ray 3.2 Edit's documented rules, all at once; empty when it is ready.
    ///
    /// Rules (ids `edit.*`): prompt required and at most 6000 characters; editStrength and autoControls
    /// exclusive (an error: the platform silently lets Auto Controls win); startFrame and keyframes exclusive;
    /// at most 64 keyframes; indexes not negative, below `sourceFrameCount` when known, distinct (errors)
    /// and ascending (a warning: the documentation does not require order, but an unordered list is
    /// usually a mistake, and RayKit's own keyframe export refuses one); the three sliders in 0…1
    /// (NaN fails); HDR needs 720p or 1080p; a control's tuning field without that control enabled is a
    /// warning (it has no effect); an empty `keyframes` list is a warning; asset ids and file paths must not be blank.
    ///
    /// - Parameter sourceFrameCount: frames in the source video, or nil when unknown (then only
    ///   negative indexes are caught).
    public func validate(sourceFrameCount: Int?) -> [Finding] {
        var findings = CommonRules.prompt(prompt, model: .edit, describing: "the visual change")
        for (field, input) in assets {
            let ruleField = field.hasPrefix("keyframes[") ? "keyframeImage" : field
            let flag: Remedy = field == "video" ? "as the source video" : field == "startFrame" ? "with \(.startFrame)" : "with \(.keyframes)"
            findings += CommonRules.asset(input, field: field, ruleField: ruleField, model: .edit, giveWith: flag)
        }
        if let editStrength, autoControls == true {
            findings.append(.error("editStrength", "edit.editStrength.autoControls",
                                   "editStrength \(editStrength.rawValue) and autoControls cannot be combined: the platform silently lets Auto Controls win, so \(editStrength.rawValue) would be ignored",
                                   fix: "drop \(.strength) to let the model choose, or drop \(.autoControls) to keep \(editStrength.rawValue)"))
        }
        if startFrame != nil, let keyframes, !keyframes.isEmpty {
            findings.append(.error("startFrame", "edit.startFrame.keyframes",
                                   "startFrame and keyframes cannot be combined: Edit takes one guide frame or a keyframe list",
                                   fix: "drop \(.startFrame) or \(.keyframes)"))
        }
        if let keyframes { findings += KeyframeRules.findings(keyframes.map(\.keyframeIndex), sourceFrameCount: sourceFrameCount) }
        findings += CommonRules.slider(depthControlBlur, field: "depthControlBlur", option: .depthBlur)
        findings += CommonRules.slider(normalsControlAugmentation, field: "normalsControlAugmentation", option: .normalsAugmentation)
        findings += CommonRules.slider(trajectoryControlSparsity, field: "trajectoryControlSparsity", option: .trajectorySparsity)
        findings += CommonRules.hdr(hdr, resolution: resolution, model: .edit)
        let tunings: [(value: String?, enabled: Bool?, field: String, control: String, option: OptionName, tuning: OptionName)] = [
            (poseControlStrength?.rawValue, poseControlEnabled, "poseControlStrength", "Pose Control", .pose, .poseStrength),
            (depthControlBlur.map { "\($0)" }, depthControlEnabled, "depthControlBlur", "Depth Control", .depth, .depthBlur),
            (normalsControlAugmentation.map { "\($0)" }, normalsControlEnabled, "normalsControlAugmentation", "Normals Control", .normals, .normalsAugmentation),
            (trajectoryControlSparsity.map { "\($0)" }, trajectoryControlEnabled, "trajectoryControlSparsity", "Trajectory Control", .trajectory, .trajectorySparsity),
        ]
        for tuning in tunings where tuning.value != nil && tuning.enabled != true {
            findings.append(.warning(tuning.field, "edit.\(tuning.field).controlOff",
                                     "\(tuning.field) \(tuning.value!) has no effect while \(tuning.control) is off",
                                     fix: "add \(tuning.option) or drop \(tuning.tuning)"))
        }
        return findings
    }
}
