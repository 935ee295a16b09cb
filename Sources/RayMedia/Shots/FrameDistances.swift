/// How far apart every two frames of a clip are that lie at most `reach` frames apart (``Thumbnail/distance(to:)``),
/// each frame's layout (16x9 Y) and its peak change from the frame before (``Thumbnail/peakDifference(to:)``),
/// gathered one frame at a time from the last `reach` thumbnails.
///
/// A sparse decode leaves frames unmeasured (``skip(_:)``): every distance to them is nil, as if they lay
/// outside the clip, and their brightness is NaN (no comparison holds for it).
struct FrameDistances {
    /// The farthest two frames compared are apart, in frames.
    let reach: Int
    /// Frame i's distances to frames i-1 … i-reach, `reach` values a frame (0 where that frame is before the clip).
    private var back: [Float] = []
    /// Each frame's ``Thumbnail/sketch``, empty for a frame not measured.
    private var sketches: [[UInt8]] = []
    /// Each frame's peak change from the frame before; NaN where either was not measured.
    private var peaks: [Float] = []
    private var recent: [Thumbnail] = []

    init(reach: Int) {
        self.reach = reach
    }

    /// Frames measured.
    var count: Int { sketches.count }

    /// Measures the next frame against the ones before it.
    mutating func append(_ thumbnail: Thumbnail) {
        for lag in 1...reach {
            back.append(lag <= recent.count ? thumbnail.distance(to: recent[recent.count - lag]) : 0)
        }
        sketches.append(thumbnail.sketch)
        peaks.append(recent.last.map { thumbnail.peakDifference(to: $0) } ?? .nan)
        recent.append(thumbnail)
        if recent.count > reach { recent.removeFirst() }
    }

    /// Counts the next `frames` frames as not measured.
    mutating func skip(_ frames: Int) {
        guard frames > 0 else { return }
        back.append(contentsOf: repeatElement(0, count: frames * reach))
        sketches.append(contentsOf: repeatElement([], count: frames))
        peaks.append(contentsOf: repeatElement(.nan, count: frames))
        recent.removeAll()
    }

    /// Whether frame `i` was measured.
    private func isMeasured(_ i: Int) -> Bool { !sketches[i].isEmpty }

    /// The distance between frames `a` and `b` (0-255), or nil when either is outside the clip or they are
    /// more than `reach` frames apart or either was not measured.
    func callAsFunction(_ a: Int, _ b: Int) -> Float? {
        let (early, late) = (min(a, b), max(a, b))
        guard early >= 0, late < count, late - early <= reach, isMeasured(early), isMeasured(late) else { return nil }
        return early == late ? 0 : back[late * reach + (late - early - 1)]
    }

    /// How much the most changed place of frame `i` changed from frame i-1 (0-255), or nil when either is
    /// outside the clip or was not measured.
    func peakStep(_ i: Int) -> Float? {
        guard i >= 1, i < count, !peaks[i].isNaN else { return nil }
        return peaks[i]
    }

    /// Mean Y (0-255) of frame `i`; NaN when it was not measured.
    func brightness(_ i: Int) -> Float {
        guard isMeasured(i) else { return .nan }
        return Float(sketches[i].reduce(0) { $0 + Int($1) }) / Float(sketches[i].count)
    }

    /// The correlation (-1…1) of frames `a` and `b`'s layouts: near 1 when one is the other in another light.
    func layoutCorrelation(_ a: Int, _ b: Int) -> Float {
        Self.correlation(sketches[a], sketches[b])
    }

    /// The correlation (-1…1) of two layouts (``Thumbnail/sketch``).
    static func correlation(_ a: [UInt8], _ b: [UInt8]) -> Float {
        let (x, y) = (a.map(Float.init), b.map(Float.init))
        let (mx, my) = (x.reduce(0, +) / Float(x.count), y.reduce(0, +) / Float(y.count))
        var (sxy, sxx, syy): (Float, Float, Float) = (0, 0, 0)
        for (p, q) in zip(x, y) { (sxy, sxx, syy) = (sxy + (p - mx) * (q - my), sxx + (p - mx) * (p - mx), syy + (q - my) * (q - my)) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
