/// The delivery resolutions Ray 3.2 renders, named by their short side.
public enum Resolution: String, CaseIterable, Sendable, Codable {
    case p540 = "540p"
    case p720 = "720p"
    case p1080 = "1080p"

    /// Lines on the short side: 540, 720 or 1080 pixels.
    public var lines: Int {
        switch self {
        case .p540: 540
        case .p720: 720
        case .p1080: 1080
        }
    }
}
