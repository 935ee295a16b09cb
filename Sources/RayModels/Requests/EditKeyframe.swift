/// One guide frame for Ray 3.2 Edit, before upload: which source frame it is and where its still lies.
///
/// In the request, `file` becomes `keyframeImage` (an asset id) once uploaded.
public struct EditKeyframe: Codable, Equatable, Sendable {
    /// Source frame position, counted from 0 in presentation order.
    public let keyframeIndex: Int
    /// Path of the still image.
    public let file: String
    /// Seconds from the source's first frame to this frame.
    public let timestamp: Double

    public init(keyframeIndex: Int, file: String, timestamp: Double) {
        self.keyframeIndex = keyframeIndex
        self.file = file
        self.timestamp = timestamp
    }

    /// Ray 3.2 Edit takes at most this many keyframes (``SourceLimits/maxKeyframes``).
    public static let maximumCount = SourceLimits.maxKeyframes

    /// Every way `indexes` break Edit's keyframe rules for a source of `frameCount` frames
    /// (too many, outside the source, repeated, out of order), as sentences with the fix.
    public static func problems(indexes: [Int], frameCount: Int) -> [String] {
        var problems: [String] = []
        if indexes.count > maximumCount {
            problems.append("\(indexes.count) keyframes selected: Ray 3.2 Edit takes at most \(maximumCount); select fewer")
        }
        if let outside = indexes.first(where: { $0 < 0 || $0 >= frameCount }) {
            problems.append("keyframe index \(outside) is outside the source (frames 0…\(frameCount - 1))")
        }
        if Set(indexes).count != indexes.count {
            problems.append("keyframe indexes repeat: each source frame can guide once")
        }
        if indexes != indexes.sorted() {
            problems.append("keyframe indexes must ascend")
        }
        return problems
    }
}
