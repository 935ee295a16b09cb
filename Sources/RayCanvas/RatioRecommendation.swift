/// Which supported ratio to ask Ray 3.2 for so that cropping alone reaches a wanted ratio.
public struct RatioRecommendation: Sendable, Equatable, Codable {
    /// The ratio the user wants delivered.
    public let wanted: AspectRatio
    /// The supported ratio from which `wanted` is reached by cropping with the least area lost
    /// (ties: the larger delivered frame).
    public let ask: SupportedRatio
    /// The share of the delivered frame the crop throws away: 1 − min(ask, wanted) / max(ask, wanted); 0 when supported.
    public let areaLost: Double
    /// The centred crop from `ask.outputSize(at:)` to `wanted`; nil when `wanted` is supported.
    public let crop: CropPlan?

    /// Recommends the ratio to ask for, and the crop that follows at `resolution`.
    ///
    /// - Throws: `CanvasError.windowTooSmall` when `wanted` is so extreme no even window of it fits the delivered frame.
    public static func recommend(for wanted: AspectRatio, at resolution: Resolution = .p1080) throws(CanvasError) -> RatioRecommendation {
        if let supported = SupportedRatio(wanted) {
            return RatioRecommendation(wanted: wanted, ask: supported, areaLost: 0, crop: nil)
        }
        func lost(_ ratio: SupportedRatio) -> Double {
            let (a, b) = (ratio.ratio.value, wanted.value)
            return 1 - min(a, b) / max(a, b)
        }
        let ask = SupportedRatio.allCases.min { first, second in
            let (lostFirst, lostSecond) = (lost(first), lost(second))
            if abs(lostFirst - lostSecond) > 1e-12 { return lostFirst < lostSecond }
            return first.outputSize(at: resolution).area > second.outputSize(at: resolution).area
        }!
        let crop = try CropPlan.crop(ask.outputSize(at: resolution), to: wanted, anchor: .center)
        return RatioRecommendation(wanted: wanted, ask: ask, areaLost: lost(ask), crop: crop)
    }
}
