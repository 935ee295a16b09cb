import Foundation
import RayMedia

/// One Edit guide frame taken from any clip and placed at any index of the source: what a long take's
/// segments use, where a frame of the whole take (or of the previous segment's result) guides a frame of
/// the segment by the segment's own index.
public struct GuideStill: Codable, Sendable, Equatable {
    /// The clip the still comes from.
    public var clip: String
    /// Which frame of `clip`, as `frames --at` takes it (`480`, or `@20.5` for the frame shown at 20.5 s).
    public var frame: String
    /// The source frame it guides (Edit's `keyframeIndex`).
    public var index: Int

    public init(clip: String, frame: FrameSelector, index: Int) {
        (self.clip, self.frame, self.index) = (clip, frame.description, index)
    }

    /// The frame as a selector.
    var selector: FrameSelector? { FrameSelector(frame) }
}

extension StepSpec {
    /// The step without Edit guide frames whose clip does not exist yet (an earlier segment's result, for an estimate).
    var withoutUnmadeGuides: StepSpec {
        guard case .edit(var input) = self, let guides = input.guides else { return self }
        let made = guides.filter { FileManager.default.fileExists(atPath: $0.clip) }
        input.guides = made.isEmpty ? nil : made
        return .edit(input)
    }
}
