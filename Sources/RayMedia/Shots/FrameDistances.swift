/// How far apart every two frames of a clip are that lie at most `reach` frames apart (``Thumbnail/distance(to:)``),
/// and each frame's brightness, gathered one frame at a time from the last `reach` thumbnails.
struct FrameDistances {
    /// The farthest two frames compared are apart, in frames.
    let reach: Int
    /// Frame i's distances to frames i-1 … i-reach, `reach` values a frame (0 where that frame is before the clip).
    private var back: [Float] = []
    /// Mean Y (0-255) of each frame.
    private(set) var brightness: [Float] = []
    private var recent: [Thumbnail] = []

    init(reach: Int) {
        self.reach = reach
    }

    /// Frames measured.
    var count: Int { brightness.count }

    /// Measures the next frame against the ones before it.
    mutating func append(_ thumbnail: Thumbnail) {
        for lag in 1...reach {
            back.append(lag <= recent.count ? thumbnail.distance(to: recent[recent.count - lag]) : 0)
        }
        brightness.append(thumbnail.brightness)
        recent.append(thumbnail)
        if recent.count > reach { recent.removeFirst() }
    }

    /// The distance between frames `a` and `b` (0-255), or nil when either is outside the clip or they are
    /// more than `reach` frames apart.
    func callAsFunction(_ a: Int, _ b: Int) -> Float? {
        let (early, late) = (min(a, b), max(a, b))
        guard early >= 0, late < count, late - early <= reach else { return nil }
        return early == late ? 0 : back[late * reach + (late - early - 1)]
    }
}
