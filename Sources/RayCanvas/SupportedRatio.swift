/// The six aspect ratios Ray 3.2 Generate and Reframe accept.
public enum SupportedRatio: String, CaseIterable, Sendable, Codable {
    case portrait9x16 = "9:16"
    case portrait3x4 = "3:4"
    case square = "1:1"
    case landscape4x3 = "4:3"
    case landscape16x9 = "16:9"
    case cinema21x9 = "21:9"

    /// The exact ratio.
    public var ratio: AspectRatio { AspectRatio(parsing: rawValue)! }

    /// Parses `16:9` and equivalent spellings (`32:18`, `1.7777…` does not count: only exact ratios).
    public init?(_ ratio: AspectRatio) {
        guard let match = Self.allCases.first(where: { $0.ratio == ratio }) else { return nil }
        self = match
    }

    /// The supported ratio closest to `ratio` (by |ln(a/b)|) and the relative error |a/b − 1|.
    public static func nearest(to ratio: AspectRatio) -> (ratio: SupportedRatio, relativeError: Double) {
        let best = allCases.min { ratio.logDistance(to: $0.ratio) < ratio.logDistance(to: $1.ratio) }!
        return (best, abs(ratio.value / best.ratio.value - 1))
    }
}

extension SupportedRatio {
    /// Ray 3.2's delivered pixel size for this ratio at a resolution.
    ///
    /// ASSUMPTION (no public table gives Luma's exact sizes; named here and only here): the short side is the
    /// resolution's lines and the long side is lines × ratio rounded to the nearest even number
    /// (16:9 at 720p = 1280x720, 21:9 at 1080p = 2520x1080). Post-processing must trust a real clip's probed size
    /// over this table.
    public func outputSize(at resolution: Resolution) -> PixelSize {
        let ratio = self.ratio
        let lines = resolution.lines
        let long = Even.nearest(lines, times: max(ratio.width, ratio.height), over: min(ratio.width, ratio.height))
        return ratio.width >= ratio.height ? PixelSize(width: long, height: lines) : PixelSize(width: lines, height: long)
    }
}
