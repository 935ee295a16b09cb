/// Packets much larger than the packets of their kind around them: pictures their references do not
/// explain (a flash, a cut, a dip and back cost the encoder far more bits than the pictures around them).
/// Both sparse looks read them (`KeyframeLook`, `ReferenceLook`).
enum PacketJumps {
    /// Packets of the same kind either side a packet is compared with.
    static let neighbours = 8
    /// Bits per 16x16 block a packet must hold to jump at all: pictures that barely change from their
    /// references (a still) cost a few bytes, whose ratios say nothing.
    static let leastBitsPerBlock = 1

    /// The `members` (of one kind, in decoding order) whose `bytes` are at least `factor` times the `usual`
    /// size (of the sorted sizes) of the members up to ``neighbours`` either side, and at least
    /// ``leastBitsPerBlock`` for a picture of `blocks` blocks. A member with no neighbour jumps when `aloneJumps`.
    static func find(_ members: [Int], bytes: (Int) -> Int, times factor: Double, usual: ([Int]) -> Int, blocks: Int,
                     aloneJumps: Bool) -> [Int] {
        let least = leastBitsPerBlock * blocks / 8
        return members.indices.compactMap { n in
            let size = bytes(members[n])
            guard size >= least else { return nil }
            let around = (members[max(0, n - neighbours)..<n] + members[(n + 1)..<min(members.count, n + neighbours + 1)]).map(bytes).sorted()
            guard !around.isEmpty else { return aloneJumps ? members[n] : nil }
            return Double(size) >= factor * Double(max(1, usual(around))) ? members[n] : nil
        }
    }
}
