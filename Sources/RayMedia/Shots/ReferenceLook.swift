/// A first look at a clip for `ShotScan`: only the reference pictures decoded (the pictures nothing refers
/// to are skipped, so each decoded one is exactly what a full decode gives) and every video packet's size
/// read. From them, an estimate of each frame's content change, and the frame spans where a full decode
/// could find a cut, a flash or a gradual transition (``candidates``).
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
    /// Skipped pictures either side a packet is compared with.
    static let packetNeighbours = 8
    /// Bits per 16x16 block a packet must hold to stand out at all: pictures that barely change from their
    /// references (a still) cost a few bytes, whose ratios say nothing.
    static let leastBitsPerBlock = 1
    /// Slack on the gradual-transition rule, for reference pictures up to a frame off the blend's ends: the
    /// share of `transitionDistance` and of `gradualDistance` their distance must reach, what may be added
    /// to `sameLayout`, and to `blackBrightness` (0-255).
    static let blendShare: Float = 0.5, layoutSlack: Float = 0.25, darkSlack: Float = 16

    /// The share of the frames seen that runs around the candidates found so far (checked every
    /// ``checkFrames``, counting at least ``ShotScan/shortestSparseClip`` frames or the whole clip) may hold
    /// before the look gives up: decoding every frame would cost less.
    static let worthwhileShare = 0.5
    static let checkFrames = 240

    /// Decodes the reference pictures of `source` (rough pictures, not yet read from) and reads every
    /// packet's size.
    ///
    /// - Parameter givingUp: return nil as soon as the runs around the candidates would hold more than
    ///   ``worthwhileShare`` of the frames.
    /// - Throws: `MediaError` for a clip that cannot be decoded.
    init?(_ source: FrameSource, _ options: ShotDetector.Options, givingUp: Bool) throws(MediaError) {
        self.options = options
        let index = source.index
        changes = Array(repeating: 0, count: index.count)
        let packets = PacketSizes(count: index.count)
        source.referencePicturesOnly = true
        source.onVideoPacket = { pts, bytes in
            if let position = index.position(of: pts) { packets.bytes[position] = bytes }
        }
        defer {
            source.referencePicturesOnly = false
            source.onVideoPacket = nil
        }
        let thumbnailer = Thumbnailer()
        var decoded = Array(repeating: false, count: index.count)
        var recent: [Reference] = []
        var jumps: [(from: Int, to: Int, distance: Float)] = []
        var checked = 0
        var blocks = 0
        while let (position, frame) = try source.next() {
            blocks = Int(frame.width) * Int(frame.height) / 256
            let reference = Reference(frame: position, thumbnail: thumbnailer.thumbnail(frame))
            decoded[position] = true
            if let last = recent.last {
                let change = reference.thumbnail.change(from: last.thumbnail) / Double(position - last.frame)
                for i in (last.frame + 1)...position { changes[i] = change }
                jumps.append((last.frame, position, reference.thumbnail.distance(to: last.thumbnail)))
            }
            recent.removeAll { position - $0.frame > options.reach + 2 }
            if let start = recent.first(where: { mayBlend($0, reference) }) { candidates.append(start.frame...position) }
            recent.append(reference)
            if givingUp && position >= checked + Self.checkFrames {
                checked = position
                guard isWorthwhile(candidates + standingJumps(jumps), seen: position + 1, of: index.count) else { return nil }
            }
        }
        candidates += standingJumps(jumps) + unexplained(packets.bytes, decoded: decoded, least: Self.leastBitsPerBlock * blocks / 8)
        candidates.sort { $0.lowerBound < $1.lowerBound }
        guard !givingUp || isWorthwhile(candidates, seen: index.count, of: index.count) else { return nil }
    }

    /// Whether the runs around `spans` in the first `seen` of `count` frames hold at most ``worthwhileShare`` of them.
    private func isWorthwhile(_ spans: [ClosedRange<Int>], seen: Int, of count: Int) -> Bool {
        let held = DenseRuns.frames(around: spans.sorted { $0.lowerBound < $1.lowerBound }, before: seen, options)
        return Double(held) <= Self.worthwhileShare * Double(min(count, max(seen, ShotScan.shortestSparseClip)))
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

    /// The skipped pictures whose packets, of at least `least` bytes, the pictures around them do not
    /// explain (see ``packetOutlier``).
    private func unexplained(_ bytes: [Int], decoded: [Bool], least: Int) -> [ClosedRange<Int>] {
        let skipped = bytes.indices.filter { !decoded[$0] && bytes[$0] > 0 }
        return skipped.indices.compactMap { n in
            guard bytes[skipped[n]] >= least else { return nil }
            let around = skipped[max(0, n - Self.packetNeighbours)..<min(skipped.count, n + Self.packetNeighbours + 1)]
                .filter { $0 != skipped[n] }.map { bytes[$0] }.sorted()
            guard !around.isEmpty else { return skipped[n]...skipped[n] }
            return Double(bytes[skipped[n]]) >= Self.packetOutlier * Double(around[around.count / 2]) ? skipped[n]...skipped[n] : nil
        }
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

/// Each frame's packet size in bytes (0 where none was read), filled in while packets are read.
private final class PacketSizes {
    var bytes: [Int]

    init(count: Int) { bytes = Array(repeating: 0, count: count) }
}
