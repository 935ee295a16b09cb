import RayMedia

/// An image input: an image file, an asset id, or a frame of a clip (`CLIP@INDEX`).
public enum ImageSource: TextValue, Equatable {
    case file(String)
    case asset(String)
    case frame(clip: String, FrameSelector)

    /// `still.png`, `asset_abc`, `clip.mp4@48`, `clip.mp4@end`, `clip.mp4@2.5s`.
    public init?(parsing text: String) {
        if let at = text.lastIndex(of: "@"), at != text.startIndex {
            let clip = String(text[..<at]), rest = String(text[text.index(after: at)...])
            // `clip@2.5s` means a time; `clip@48` an index.
            let selectorText = rest.hasSuffix("s") && Double(rest.dropLast()) != nil ? "@" + rest : rest
            guard let selector = FrameSelector(selectorText) else { return nil }
            self = .frame(clip: clip, selector)
        } else if text.hasPrefix("asset_") {
            self = .asset(text)
        } else {
            guard !text.isEmpty else { return nil }
            self = .file(text)
        }
    }

    public var text: String {
        switch self {
        case .file(let path): path
        case .asset(let id): id
        case .frame(let clip, .time(let seconds)): "\(clip)@\(seconds)s"
        case .frame(let clip, let selector): "\(clip)@\(selector)"
        }
    }

    public static let expected = "an image, an asset id or CLIP@INDEX"
}
