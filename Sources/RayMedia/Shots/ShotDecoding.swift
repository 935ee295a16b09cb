extension ShotDetector {
    /// Which frames shot detection decodes. Cuts, dissolves and flashes come out the same either way; the
    /// reported per-frame changes (and so the representative frames) are estimates between the reference
    /// pictures where a sparse decode skipped frames.
    public enum Decoding: String, Sendable, CaseIterable {
        /// Sparse on clips long enough for it to pay whose frames are told apart by timestamp, turning to
        /// full when the keyframes show the picture moving everywhere or as soon as the reference pictures
        /// show candidates nearly everywhere; full otherwise.
        case automatic = "auto"
        /// Every frame.
        case full
        /// The keyframes first, then the reference pictures between the keyframes where something could
        /// happen, then every frame around the places where a cut, flash or gradual transition could lie
        /// (`ShotScan`), even where that decodes more than a full decode.
        case sparse
    }
}
