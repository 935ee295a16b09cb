import RayCanvas

extension ReframeRequest {
    /// Every way this request breaks Ray 3.2 Reframe's documented rules, all at once; empty when it is ready.
    ///
    /// Rules (ids `reframe.*`): prompt required and at most 6000 characters; aspectRatio required and,
    /// when the source's nearest supported ratio is known, different from it ("nothing to outpaint");
    /// a prompt of fewer than `minimumPromptWords` (6) whitespace-separated words is a warning (the
    /// documentation: "Vague prompts result in vague extensions"; its vague example "fill the canvas" has 3,
    /// its good ones 15 or more; a prompt in a script without spaces counts as one word); 1080p to a ratio in
    /// `SourceLimits.reframe1080pUnavailable` is a warning; the video must not be blank.
    ///
    /// - Parameter sourceNearestRatio: `SupportedRatio.nearest(to:)` of the source's display ratio, or nil when unknown.
    public func validate(sourceNearestRatio: SupportedRatio?) -> [Finding] {
        var findings = CommonRules.prompt(prompt, model: .reframe, describing: "what should fill the new canvas")
        findings += CommonRules.asset(video, field: "video", ruleField: "video", model: .reframe, giveWith: "as the source video")
        let words = prompt.split(whereSeparator: \.isWhitespace).count
        if words > 0, words < Self.minimumPromptWords {
            findings.append(.warning("prompt", "reframe.prompt.vague",
                                     "prompt has only \(words) word\(words == 1 ? "" : "s"): vague prompts give vague extensions",
                                     fix: "describe in \(.prompt) what fills the new canvas (the setting, light and details to extend), in \(Self.minimumPromptWords) words or more"))
        }
        let allRatios = SupportedRatio.allCases.map(\.rawValue).joined(separator: ", ")
        guard let aspectRatio else {
            findings.append(.error("aspectRatio", "reframe.aspectRatio.required", "aspectRatio is missing: Reframe needs a target ratio",
                                   fix: "pass \(.aspectRatio) (\(allRatios))"))
            return findings
        }
        if aspectRatio == sourceNearestRatio {
            findings.append(.error("aspectRatio", "reframe.aspectRatio.unchanged",
                                   "the source is already \(aspectRatio.rawValue) (nearest supported ratio): nothing to outpaint",
                                   fix: "pick a different \(.aspectRatio)"))
        }
        if resolution == .p1080, SourceLimits.reframe1080pUnavailable.contains(aspectRatio) {
            findings.append(.warning("resolution", "reframe.resolution.portrait1080p",
                                     "1080p Reframe to \(aspectRatio.rawValue) is reported as not yet available on Luma's own API",
                                     fix: "use \(.resolution, "720p"), or keep 1080p and check that the job succeeds"))
        }
        return findings
    }
}
