import CFFmpeg

/// Every frame a player shows, in presentation order, from one packet scan (no decoding).
///
/// Frame N is `timestamps[N]`: packets an edit list hides are left out, the rest sorted by
/// presentation time. This is the numbering Ray 3.2 Edit's `keyframeIndex` means.
struct FrameIndex {
    /// Presentation timestamps in the stream's time base, ascending; one per shown frame.
    let timestamps: [Int64]
    /// How long each frame is shown, in the stream's time base (same order as `timestamps`).
    let durations: [Int64]
    /// Positions (frame numbers) of the keyframes among the shown frames, ascending.
    let keyframes: [Int]
    /// Decode timestamp of the stream's first packet (hidden ones included): seeking here starts from the top.
    let firstDecodeTimestamp: Int64
    let timeBase: AVRational

    var count: Int { timestamps.count }

    /// Scans the video packets of `stream` from the start of `file`.
    ///
    /// - Throws: `MediaError` (`.truncated`) when the data stops before the container says it should.
    static func scan(_ file: MediaFile, stream index: Int32) throws(MediaError) -> FrameIndex {
        file.keepOnly(stream: index)
        let packet = Packet()
        var entries: [(pts: Int64, duration: Int64, key: Bool)] = []
        var packetCount = 0
        var firstDecodeTimestamp = Int64.max
        do {
            while try file.read(into: packet) {
                guard packet.streamIndex == index else { continue }
                packetCount += 1
                let decodeTimestamp = packet.dts != rk_AV_NOPTS_VALUE() ? packet.dts : packet.pts
                if decodeTimestamp != rk_AV_NOPTS_VALUE() { firstDecodeTimestamp = min(firstDecodeTimestamp, decodeTimestamp) }
                if packet.isDiscarded { continue }
                let pts = packet.pts != rk_AV_NOPTS_VALUE() ? packet.pts : packet.dts
                entries.append((pts, packet.duration, packet.isKey))
            }
        } catch {
            throw MediaError(.truncated, file: file.path, "truncated or corrupt after \(packetCount) video packets: \(error.detail)")
        }
        let stream = file.stream(index)
        if let missing = missingIndexedPackets(stream, file: file, read: packetCount), missing > 0 {
            throw MediaError(.truncated, file: file.path, "truncated: \(missing) of \(packetCount + missing) video packets are missing")
        }
        guard !entries.isEmpty else {
            throw MediaError(.truncated, file: file.path, "the video stream has no frames")
        }
        // With B-frames a packet's duration is a decode-order step, not how long its picture shows:
        // then a frame lasts until the next one starts, and the last as long as the one before it.
        let reordered = zip(entries, entries.dropFirst()).contains { $0.pts > $1.pts }
        entries.sort { $0.pts < $1.pts }
        let timestamps = entries.map(\.pts)
        var durations = entries.map(\.duration)
        for i in durations.indices where reordered || durations[i] <= 0 {
            durations[i] = i + 1 < timestamps.count ? timestamps[i + 1] - timestamps[i] : (i > 0 ? durations[i - 1] : max(1, durations[i]))
        }
        let keyframes = entries.indices.filter { entries[$0].key }
        return FrameIndex(timestamps: timestamps, durations: durations, keyframes: keyframes,
                          firstDecodeTimestamp: min(firstDecodeTimestamp, timestamps[0]),
                          timeBase: stream.pointee.time_base)
    }

    /// For containers whose header indexes every sample (MP4/MOV), how many indexed packets were never read.
    private static func missingIndexedPackets(_ stream: UnsafeMutablePointer<AVStream>, file: MediaFile, read: Int) -> Int? {
        guard file.headerIndexesEverySample else { return nil }
        return Int(avformat_index_get_entries_count(stream)) - read
    }

    /// The frame number shown at presentation timestamp `pts`, if a frame starts exactly there.
    func position(of pts: Int64) -> Int? {
        var low = 0, high = timestamps.count
        while low < high {
            let mid = (low + high) / 2
            if timestamps[mid] < pts { low = mid + 1 } else { high = mid }
        }
        return low < timestamps.count && timestamps[low] == pts ? low : nil
    }

    /// Keyframes at or before frame `target`, nearest first: the places decoding can start from.
    func keyframes(before target: Int) -> [Int] {
        keyframes.filter { $0 <= target }.reversed()
    }

    /// When each frame starts, in seconds after the first frame.
    var frameStarts: [Double] {
        let scale = av_q2d(timeBase)
        return timestamps.map { Double($0 - timestamps[0]) * scale }
    }

    /// Seconds from the first shown frame's start to the last one's end.
    var duration: Double {
        let ticks = timestamps.last! + durations.last! - timestamps.first!
        return Double(ticks) * av_q2d(timeBase)
    }

    /// True when frames are not evenly spaced (more than 1% apart in length).
    var isVariableFrameRate: Bool {
        guard count > 2 else { return false }
        let deltas = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }
        guard let low = deltas.min(), let high = deltas.max() else { return false }
        return high - low > max(1, low / 100)
    }

    /// The longest run of shown frames that starts at a keyframe (or at frame 0) before the next keyframe.
    var longestGOP: Int {
        let starts = ([0] + keyframes).sorted()
        let ends = starts.dropFirst() + [count]
        return zip(starts, ends).map { $1 - $0 }.max() ?? count
    }
}
