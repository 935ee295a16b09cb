/// The second look at a clip for `ShotScan`: the reference pictures decoded (the pictures nothing refers
/// to are skipped) wherever the keyframes and packet sizes of the first look (`KeyframeLook`) do not show
/// the stretch quiet. From them and the keyframes, an estimate of each frame's content change, and the
/// frame spans where a full decode could find a cut, a flash or a gradual transition (``candidates``).
///
/// A cut's neighbours change at most 1/`cutContrast` of its step, so two reference pictures up to three
/// frames apart around a cut are at least (1 - 2/`cutContrast`) of it apart; a gradual transition moves
/// between two pictures `transitionDistance` apart with different layouts, or to or from black. The rest
/// is judged, not proved, by rules that hold on the labelled set (bench/shot_eval/compare_paths.py checks
/// them): a jump is a candidate when it stands out from the steps either side or the pictures move fast,
/// and a skipped picture is when its packet is much larger than those of the skipped pictures around it
/// (the prediction from its references does not explain it: a flash, a cut).
struct ReferenceLook {
    /// Content change into each frame (0-255): the change between the reference pictures around it spread
    /// evenly over the frames between them; 0 before the first and after the last.
    private(set) var changes: [Double]
    /// Frame spans a full decode could find something in, by first frame (they may overlap).
    private(set) var candidates: [ClosedRange<Int>] = []
    private let options: ShotDetector.Options

    /// A jump at least this many times the usual jump around it stands out.
    static let standOut: Float = 2
    /// Pictures moving at least this share of `cutDistance` a frame move fast.
    static let fastShare: Float = 0.75
    /// A skipped picture whose packet is this many times the median of the skipped pictures' around it is
    /// not explained by its references.
    static let packetOutlier = 1.3
    /// Slack on the gradual-transition rule, for reference pictures up to a frame off the blend's ends: the
    /// share of `transitionDistance` and of `gradualDistance` their distance must reach, what may be added
    /// to `sameLayout`, and to `blackBrightness` (0-255).
    static let blendShare: Float = 0.5, layoutSlack: Float = 0.25, darkSlack: Float = 16

    /// The share of the frames seen that runs around the candidates found so far (checked every
    /// ``checkFrames``, counting at least ``leastCounted`` frames or the whole clip) may hold before the
    /// look gives up: decoding every frame would cost less. Footage moving everywhere gives up at the first
    /// check; a calm clip keeps going with one cut in its first ``leastCounted`` frames, not with two.
    static let worthwhileShare = 0.5
    static let checkFrames = 240, leastCounted = 480

    /// Decodes the reference pictures of `source` (rough pictures, not yet read from) between the keyframes
    /// `keys` does not find quiet, and takes the keyframes' thumbnails and packet sizes from it.
    ///
    /// - Parameter givingUp: return nil as soon as the runs around the candidates would hold more than
    ///   ``worthwhileShare`` of the frames.
    /// - Throws: `MediaError` for a clip that cannot be decoded.
    init?(_ source: FrameSource, _ keys: KeyframeLook, _ options: ShotDetector.Options, givingUp: Bool) throws(MediaError) {
        self.options = options
        let count = source.index.count
        changes = Array(repeating: 0, count: count)
        var walk = Walk(count: count)
        let busy = Self.busySpans(keys, count: count)
        source.pictures = .references
        defer { source.pictures = .all }
        let thumbnailer = Thumbnailer()
        var nextKey = 0
        for span in busy + [count...count] {
            while nextKey < keys.keyframes.count && keys.keyframes[nextKey].frame < span.lowerBound {
                guard visit(keys.keyframes[nextKey], &walk, givingUp: givingUp, count: count, afterQuiet: true) else { return nil }
                nextKey += 1
            }
            guard span.lowerBound < count else { break }
            for frame in span { walk.examined[frame] = true }
            try source.seek(toFrame: span.lowerBound)
            while let (position, frame) = try source.next() {
                walk.blocks = Int(frame.width) * Int(frame.height) / 256
                guard visit((position, thumbnailer.thumbnail(frame)), &walk, givingUp: givingUp, count: count) else { return nil }
                if position >= span.upperBound { break }
            }
            while nextKey < keys.keyframes.count && keys.keyframes[nextKey].frame <= span.upperBound { nextKey += 1 }
        }
        candidates += standingJumps(walk.jumps)
            + unexplained(keys.packetBytes, skipped: walk.skipped, blocks: walk.blocks)
        candidates.sort { $0.lowerBound < $1.lowerBound }
        guard !givingUp || isWorthwhile(candidates, seen: count, of: count) else { return nil }
    }

    /// What the look has seen so far.
    private struct Walk {
        /// Frames in the spans whose reference pictures were decoded, and those decoded.
        var examined: [Bool], decoded: [Bool]
        var recent: [Reference] = []
        var jumps: [(from: Int, to: Int, distance: Float)] = []
        /// The frame the runs were last checked at.
        var checked = 0
        /// 16x16 blocks a picture holds.
        var blocks = 0

        init(count: Int) {
            examined = Array(repeating: false, count: count)
            decoded = examined
        }

        /// Frames examined whose pictures were skipped.
        var skipped: [Int] { examined.indices.filter { examined[$0] && !decoded[$0] } }
    }

    /// Takes in the next picture seen, a keyframe or a decoded reference picture; false when the look gives
    /// up. The jump from the picture before to a keyframe `afterQuiet` a quiet stretch is no candidate.
    private mutating func visit(_ seen: (frame: Int, thumbnail: Thumbnail), _ walk: inout Walk, givingUp: Bool, count: Int,
                                afterQuiet: Bool = false) -> Bool {
        let (position, reference) = (seen.frame, Reference(frame: seen.frame, thumbnail: seen.thumbnail))
        walk.decoded[position] = true
        if let last = walk.recent.last {
            let change = reference.thumbnail.change(from: last.thumbnail) / Double(position - last.frame)
            for i in (last.frame + 1)...position { changes[i] = change }
            if !afterQuiet { walk.jumps.append((last.frame, position, reference.thumbnail.distance(to: last.thumbnail))) }
        }
        walk.recent.removeAll { position - $0.frame > options.reach + 2 }
        if let start = walk.recent.first(where: { mayBlend($0, reference) }) { candidates.append(start.frame...position) }
        walk.recent.append(reference)
        guard givingUp && position >= walk.checked + Self.checkFrames else { return true }
        walk.checked = position
        return isWorthwhile(candidates + standingJumps(walk.jumps), seen: position + 1, of: count)
    }

    /// The frame spans whose reference pictures are decoded: the stretches between keyframes that are not
    /// quiet and hold frames between them, joined where they meet, with those before the first keyframe
    /// and after the last.
    private static func busySpans(_ keys: KeyframeLook, count: Int) -> [ClosedRange<Int>] {
        let frames = keys.keyframes.map(\.frame)
        var spans: [ClosedRange<Int>] = []
        func add(_ span: ClosedRange<Int>) {
            if let last = spans.last, last.upperBound >= span.lowerBound {
                spans[spans.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                spans.append(span)
            }
        }
        if let first = frames.first, first > 0 { add(0...first) }
        for k in frames.indices.dropLast() where frames[k + 1] - frames[k] > 1 && !keys.isQuiet(k) { add(frames[k]...frames[k + 1]) }
        if let last = frames.last, last < count - 1 { add(last...(count - 1)) }
        if frames.isEmpty && count > 0 { add(0...(count - 1)) }
        return spans
    }

    /// Whether the runs around `spans` in the first `seen` of `count` frames hold at most ``worthwhileShare`` of them.
    private func isWorthwhile(_ spans: [ClosedRange<Int>], seen: Int, of count: Int) -> Bool {
        let held = DenseRuns.frames(around: spans.sorted { $0.lowerBound < $1.lowerBound }, before: seen, options)
        return Double(held) <= Self.worthwhileShare * Double(min(count, max(seen, Self.leastCounted)))
    }

    /// Whether a gradual transition could run between reference pictures `a` and `b`: they are far enough
    /// apart with different layouts, or one is near black.
    private func mayBlend(_ a: Reference, _ b: Reference) -> Bool {
        let apart = a.thumbnail.distance(to: b.thumbnail)
        if min(a.brightness, b.brightness) <= options.blackBrightness + Self.darkSlack {
            return apart >= Self.blendShare * options.gradualDistance
        }
        return apart >= Self.blendShare * options.transitionDistance
            && FrameDistances.correlation(a.sketch, b.sketch) < options.sameLayout + Self.layoutSlack
    }

    /// The jumps between consecutive reference pictures that could hold a cut or a flash: large enough
    /// for a cut, and fast or standing out from the jumps around them (the second smallest of the two
    /// before and the two after: one of them may be a pause, and one side may be a pan the cut ends).
    private func standingJumps(_ jumps: [(from: Int, to: Int, distance: Float)]) -> [ClosedRange<Int>] {
        let least = (1 - 2 / options.cutContrast) * options.cutDistance
        return jumps.indices.compactMap { k in
            let jump = jumps[k]
            guard jump.distance >= least else { return nil }
            let around = [k - 2, k - 1, k + 1, k + 2].filter(jumps.indices.contains).map { jumps[$0].distance }.sorted()
            let usual = around.count > 1 ? around[1] : around.first ?? 0
            let fast = jump.distance / Float(jump.to - jump.from) >= Self.fastShare * options.cutDistance
            return jump.distance >= Self.standOut * usual || fast ? jump.from...jump.to : nil
        }
    }

    /// The `skipped` pictures (ascending) whose packets the pictures around them do not explain (see
    /// ``packetOutlier`` and ``PacketJumps``), in pictures of `blocks` 16x16 blocks; one alone is not explained.
    private func unexplained(_ bytes: [Int], skipped: [Int], blocks: Int) -> [ClosedRange<Int>] {
        PacketJumps.find(skipped.filter { bytes[$0] > 0 }, bytes: { bytes[$0] }, times: Self.packetOutlier, usual: { $0[$0.count / 2] },
                         blocks: blocks, aloneJumps: true).map { $0...$0 }
    }
}

/// A decoded reference picture.
private struct Reference {
    let frame: Int
    let thumbnail: Thumbnail
    let sketch: [UInt8]
    /// Mean Y (0-255).
    let brightness: Float

    init(frame: Int, thumbnail: Thumbnail) {
        (self.frame, self.thumbnail) = (frame, thumbnail)
        sketch = thumbnail.sketch
        brightness = Float(sketch.reduce(0) { $0 + Int($1) }) / Float(sketch.count)
    }
}
