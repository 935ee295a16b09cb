/// The cheapest look at a clip for `ShotScan`: only the keyframes decoded, and every video packet's size
/// read. From them, the stretches between two keyframes where nothing a shot detector reports can lie
/// (``isQuiet(_:)``), so that `ReferenceLook` decodes no picture inside them.
///
/// A stretch is quiet when its two keyframes are nearer than a cut (`cutDistance`), so it holds no change
/// that stays, and no packet inside it is much larger than the packets of its kind around it, so nothing
/// came and went either: a flash, a dip and back, a cut away and back all cost the encoder far more bits
/// than the pictures around them. Packets are of two kinds, told apart by their timestamps in decoding
/// order: anchors (shown after every packet decoded before them: I and P pictures) and the pictures shown
/// between anchors (B), whose sizes differ by level.
struct KeyframeLook {
    /// The keyframes' positions, ascending, and their thumbnails.
    private(set) var keyframes: [(frame: Int, thumbnail: Thumbnail)] = []
    /// Each frame's packet size in bytes (0 where none was read).
    let packetBytes: [Int]
    /// Positions of the packets much larger than those of their kind around them, ascending.
    private let outliers: [Int]
    private let options: ShotDetector.Options

    /// A packet this many times the usual size of the packets of its kind around it (the median of the
    /// anchors', the upper quartile of the B pictures') is an event. Events between alike keyframes reach
    /// 2.3 or more, on the labelled set and on clips made from a photograph (a dip to black and back, a cut
    /// away and back, a flash, a slow mix away and back); the bench's calm 60 s clip stays under 1.4.
    static let packetJump = 1.6

    /// Decodes the keyframes of `source` (rough pictures, at its start) and reads every packet's size.
    ///
    /// - Throws: `MediaError` for a clip that cannot be decoded.
    init(_ source: FrameSource, _ options: ShotDetector.Options) throws(MediaError) {
        self.options = options
        let index = source.index
        let packets = PacketLog()
        source.pictures = .keyframes
        source.onVideoPacket = { pts, bytes in packets.append(pts, bytes) }
        defer {
            source.pictures = .all
            source.onVideoPacket = nil
        }
        let thumbnailer = Thumbnailer()
        var blocks = 0
        while let (position, frame) = try source.next() {
            blocks = Int(frame.width) * Int(frame.height) / 256
            keyframes.append((position, thumbnailer.thumbnail(frame)))
        }
        var sizes = Array(repeating: 0, count: index.count)
        let positions = packets.entries.map { index.position(of: $0.pts) }
        for (position, entry) in zip(positions, packets.entries) {
            if let position { sizes[position] = entry.bytes }
        }
        packetBytes = sizes
        outliers = Self.outliers(packets.entries, positions: positions, keyframes: Set(keyframes.map(\.frame)), blocks: blocks)
    }

    /// Whether no stretch is quiet and most keyframes are at least `transitionDistance` from the one before:
    /// the picture changes all over from one keyframe to the next, so the reference pictures would show
    /// candidates nearly everywhere (a pan, a walk): decoding every frame costs less than looking closer.
    var movesEverywhere: Bool {
        let stretches = keyframes.indices.dropLast()
        guard !stretches.isEmpty, !stretches.contains(where: isQuiet) else { return false }
        let far = stretches.filter { keyframes[$0].thumbnail.distance(to: keyframes[$0 + 1].thumbnail) >= options.transitionDistance }
        return 2 * far.count > stretches.count
    }

    /// Whether nothing can lie between keyframe `k` and keyframe `k + 1` (see the type's comment).
    func isQuiet(_ k: Int) -> Bool {
        let (first, last) = (keyframes[k], keyframes[k + 1])
        guard first.thumbnail.distance(to: last.thumbnail) < options.cutDistance else { return false }
        return !outliers.contains { $0 > first.frame && $0 < last.frame }
    }

    /// The positions of the packets, besides the keyframes', much larger than those of their kind around
    /// them (``PacketJumps``), in pictures of `blocks` 16x16 blocks.
    private static func outliers(_ entries: [(pts: Int64, bytes: Int)], positions: [Int?], keyframes: Set<Int>, blocks: Int) -> [Int] {
        var anchors: [Int] = [], between: [Int] = []
        var latest = Int64.min
        for (n, entry) in entries.enumerated() where positions[n].map({ !keyframes.contains($0) }) ?? false {
            if entry.pts > latest { anchors.append(n) } else { between.append(n) }
            latest = max(latest, entry.pts)
        }
        func jumps(_ kind: [Int], usual: ([Int]) -> Int) -> [Int] {
            PacketJumps.find(kind, bytes: { entries[$0].bytes }, times: packetJump, usual: usual, blocks: blocks, aloneJumps: false)
        }
        let found = jumps(anchors, usual: { $0[$0.count / 2] }) + jumps(between, usual: { $0[3 * $0.count / 4] })
        return found.compactMap { positions[$0] }.sorted()
    }
}

/// The video packets read, in decoding order, filled in while they are read.
private final class PacketLog {
    private(set) var entries: [(pts: Int64, bytes: Int)] = []

    func append(_ pts: Int64, _ bytes: Int) { entries.append((pts, bytes)) }
}
