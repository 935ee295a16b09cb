internal import CFFmpeg

/// Decode timestamps for copying a video stream into MP4 when the source's own cannot be written:
/// Matroska stores presentation times only, so with B-frames its packets have none, or ones out of order.
enum DecodeTimestamps {
    /// The decode timestamps to write for each packet of `stream` in `file`, in file order; nil when the
    /// file's own can be written as they are (known, increasing, never after the presentation time) or
    /// when a packet has no presentation time to rebuild from.
    ///
    /// Rebuilt as ffmpeg does from the reorder delay: the sorted presentation times, moved back by the
    /// least amount that puts every packet's decode time at or before its presentation time.
    /// - Throws: `MediaError` naming the file when its packets cannot be read.
    static func rebuilt(_ file: MediaFile, stream index: Int32) throws(MediaError) -> [Int64]? {
        file.keepOnly(stream: index)
        let packet = Packet()
        var stored: [(pts: Int64, dts: Int64)] = []
        do {
            while try file.read(into: packet) {
                if packet.streamIndex == index { stored.append((packet.pts, packet.dts)) }
            }
        } catch {
            throw error.mediaError(file: file.path)
        }
        let none = rk_AV_NOPTS_VALUE()
        let usable = stored.allSatisfy { $0.dts != none && ($0.pts == none || $0.dts <= $0.pts) }
            && zip(stored, stored.dropFirst()).allSatisfy { $0.dts < $1.dts }
        guard !usable, stored.allSatisfy({ $0.pts != none }) else { return nil }
        return rebuilt(presentation: stored.map(\.pts))
    }

    /// Decode timestamps for packets with presentation timestamps `pts` (in decode order): strictly
    /// increasing, each at or before its packet's presentation time.
    static func rebuilt(presentation pts: [Int64]) -> [Int64] {
        let sorted = pts.sorted()
        let delay = zip(sorted, pts).map { $0 - $1 }.max() ?? 0
        var result: [Int64] = []
        result.reserveCapacity(pts.count)
        for time in sorted {
            // Repeated presentation times still get distinct decode times.
            result.append(max(time - delay, (result.last ?? .min) + 1))
        }
        return result
    }
}
