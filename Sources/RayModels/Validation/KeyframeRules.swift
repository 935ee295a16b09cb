/// Ray 3.2 Edit's keyframe rules, in one place for every caller (request validation, keyframe export).
public enum KeyframeRules {
    /// Count, range, repeats and order of a keyframe list, each with its fix.
    ///
    /// Too many, outside the source and repeated are errors; out of order is a warning (the documentation
    /// does not require order, but an unordered list is usually a mistake); an empty list is a warning.
    /// - Parameter sourceFrameCount: frames in the source, or nil when unknown (then only negative indexes are caught).
    public static func findings(_ indexes: [Int], sourceFrameCount: Int?) -> [Finding] {
        var findings: [Finding] = []
        if indexes.isEmpty {
            findings.append(.warning("keyframes", "edit.keyframes.empty", "keyframes is an empty list",
                                     fix: "select frames with \(.keyframes) or drop it"))
        }
        if indexes.count > SourceLimits.maxKeyframes {
            findings.append(.error("keyframes", "edit.keyframes.tooMany",
                                   "\(indexes.count) keyframes: Ray 3.2 Edit takes at most \(SourceLimits.maxKeyframes)",
                                   fix: "select at most \(SourceLimits.maxKeyframes) frames with \(.keyframes)"))
        }
        var firstPosition: [Int: Int] = [:]
        for (position, index) in indexes.enumerated() {
            let field = "keyframes[\(position)].keyframeIndex"
            if index < 0 || sourceFrameCount.map({ index >= $0 }) == true {
                let range = sourceFrameCount.map { $0 > 0 ? "frames 0…\($0 - 1)" : "no frames" } ?? "frames count from 0"
                findings.append(.error(field, "edit.keyframeIndex.range", "keyframeIndex \(index) is outside the source (\(range))",
                                       fix: sourceFrameCount.map { "pick frames 0…\($0 - 1) with \(.keyframes)" } ?? "pick frames from 0 up with \(.keyframes)"))
            }
            if let first = firstPosition[index] {
                findings.append(.error(field, "edit.keyframeIndex.duplicate", "keyframeIndex \(index) repeats keyframes[\(first)]",
                                       fix: "each source frame can guide once: drop one from \(.keyframes)"))
            } else {
                firstPosition[index] = position
            }
        }
        if let position = indexes.indices.dropFirst().first(where: { indexes[$0] < indexes[$0 - 1] }) {
            findings.append(.warning("keyframes", "edit.keyframes.order",
                                     "keyframe indexes do not ascend: keyframes[\(position)] is frame \(indexes[position]), after frame \(indexes[position - 1])",
                                     fix: "list \(.keyframes) in source order"))
        }
        return findings
    }
}
