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
}
