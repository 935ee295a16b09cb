/// One entry of Ray 3.2 Edit's `keyframes`: a guide image and the source frame it stands for.
public struct EditKeyframeInput: Codable, Sendable, Equatable {
    /// The guide image.
    public var keyframeImage: AssetInput
    /// Source frame position, counted from 0.
    public var keyframeIndex: Int

    public init(keyframeImage: AssetInput, keyframeIndex: Int) {
        self.keyframeImage = keyframeImage
        self.keyframeIndex = keyframeIndex
    }
}

extension EditKeyframeInput {
    /// The request entry for an exported keyframe: its still as a local file still to be uploaded.
    public init(_ keyframe: EditKeyframe) {
        self.init(keyframeImage: .file(keyframe.file), keyframeIndex: keyframe.keyframeIndex)
    }
}
