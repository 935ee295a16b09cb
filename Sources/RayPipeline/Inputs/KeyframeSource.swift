import RayMedia

/// Edit's guide frames: `0,48,96` (frames of the source video itself) or `CLIP@0,48,96` (frames of another clip).
public struct KeyframeSource: TextValue, Equatable {
    /// The clip the frames come from; nil for the Edit source video.
    public let clip: String?
    public let selectors: [FrameSelector]

    public init(clip: String?, selectors: [FrameSelector]) {
        (self.clip, self.selectors) = (clip, selectors)
    }

    public init?(parsing text: String) {
        let at = text.lastIndex(of: "@")
        guard at != text.startIndex,
              let selectors = try? FrameSelector.parseList(String(text[(at.map { text.index(after: $0) } ?? text.startIndex)...]))
        else { return nil }
        self.init(clip: at.map { String(text[..<$0]) }, selectors: selectors)
    }

    public var text: String { (clip.map { $0 + "@" } ?? "") + selectors.map(\.description).joined(separator: ",") }

    public static let expected = "INDEX,INDEX… or CLIP@INDEX,INDEX…"
}
