internal import CFFmpeg

/// Every frame a player shows, in presentation order: from one packet scan where the packets tell
/// the whole story, else from decoding the stream once.
///
/// Frame N is `timestamps[N]`: packets an edit list hides are left out, the rest sorted by
/// presentation time. This is the numbering Ray 3.2 Edit's `keyframeIndex` means.
struct FrameIndex {
    /// Presentation timestamps in `timeBase`, ascending; one per shown frame.
    let timestamps: [Int64]
    /// How long each frame is shown, in `timeBase` (same order as `timestamps`).
    let durations: [Int64]
    /// Positions (frame numbers) of the keyframes among the shown frames, ascending.
    let keyframes: [Int]
    /// Decode timestamp of the stream's first packet (hidden ones included): seeking here starts from the top.
    let firstDecodeTimestamp: Int64
    let timeBase: AVRational
    /// How the frames were counted: `.packets` (scan) or `.decoded` (the decoder's own output).
    let method: FrameCountMethod
    /// Whether a decoded frame is found by its timestamp (seeking allowed). When false the stream's
    /// timestamps are missing or repeat: `timestamps` are frame slots at the nominal rate and frame N
    /// is the Nth frame the decoder gives out from the start.
    let identifiesByTimestamp: Bool
    /// Seconds each audio stream lasts (by stream index), measured in the same packet scan: from the first
    /// packet shown (edit lists applied) to the end of the last.
    var audioDurations: [Int32: Double] = [:]
    /// The picture codec when the file is a still image rather than a video (see `MediaFile.stillImageCodec`).
    var stillImage: String?

    var count: Int { timestamps.count }
    /// Whether frames past `count` are expected too: the stand-in a decoding scan reads with, which counts
    /// every frame the decoder gives out.
    private(set) var isOpenEnded = false

    /// No frame known yet, frames told apart by their order: what a `FrameSource` reads every frame with,
    /// in the decoder's order, to build the real index or to load an image.
    static var inDecoderOrder: FrameIndex {
        var index = FrameIndex(entries: [], timeBase: AVRational(num: 1, den: 1), firstDecodeTimestamp: 0, method: .decoded,
                               identifiesByTimestamp: false)
        index.isOpenEnded = true
        return index
    }

    /// One packet or decoded frame, as the index is built from it.
    struct Entry {
        var pts: Int64
        var duration: Int64
        var key: Bool
    }

    /// Indexes the video stream `index` of `file`: a packet scan, or a decoding pass when the packets
    /// cannot say what the decoder shows (missing or repeated timestamps, a start between keyframes,
    /// leading pictures the decoder drops).
    ///
    /// - Throws: `MediaError` (`.truncated`) when the data stops before the container says it should,
    ///   or the stream has no frame the decoder can show.
    static func scan(_ file: MediaFile, stream index: Int32) throws(MediaError) -> FrameIndex {
        let scan = try PacketScan(file, stream: index)
        let stream = file.stream(index)
        if scan.entries.isEmpty {
            throw MediaError(.truncated, file: file.path, "the video stream has no frames")
        }
        var frameIndex = scan.packetsTellAll
            ? FrameIndex(entries: scan.entries, timeBase: stream.pointee.time_base, firstDecodeTimestamp: scan.firstDecodeTimestamp)
            : try decodingScan(file, stream: index, firstDecodeTimestamp: scan.firstDecodeTimestamp, rate: nominalRate(stream))
        frameIndex.stillImage = file.stillImageCodec
        for (audio, span) in scan.audioSpans {
            frameIndex.audioDurations[audio] = Double(span.end &- span.start) * av_q2d(file.stream(audio).pointee.time_base)
        }
        return frameIndex
    }

    /// What one pass over the packets found.
    private struct PacketScan {
        var entries: [Entry] = []
        var firstDecodeTimestamp = Int64.max
        /// False when the packets cannot be trusted to be the frames the decoder shows.
        var packetsTellAll = true
        /// Each audio stream's first shown packet start and last packet end, in its time base.
        var audioSpans: [Int32: (start: Int64, end: Int64)] = [:]

        init(_ file: MediaFile, stream index: Int32) throws(MediaError) {
            file.keepOnly(streams: Set([index] + file.audioStreamIndexes))
            let packet = Packet()
            var packetCount = 0
            var firstKey: Int64?
            var seen = Set<Int64>()
            do {
                while try file.read(into: packet) {
                    guard packet.streamIndex == index else {
                        noteAudio(packet)
                        continue
                    }
                    packetCount += 1
                    let decodeTimestamp = packet.dts != rk_AV_NOPTS_VALUE() ? packet.dts : packet.pts
                    if decodeTimestamp != rk_AV_NOPTS_VALUE() { firstDecodeTimestamp = min(firstDecodeTimestamp, decodeTimestamp) }
                    // The decoder shows nothing before the first keyframe, and may drop the leading
                    // pictures of the keyframe it starts on (HEVC RASL): only decoding says which.
                    if packetCount == 1 && !packet.isKey { packetsTellAll = false }
                    if packet.pts == rk_AV_NOPTS_VALUE() {
                        packetsTellAll = false
                    } else if let key = firstKey, packet.pts < key {
                        packetsTellAll = false
                    } else if firstKey == nil && packet.isKey {
                        firstKey = packet.pts
                    }
                    if packet.isDiscarded { continue }
                    if packet.pts != rk_AV_NOPTS_VALUE() && !seen.insert(packet.pts).inserted { packetsTellAll = false }
                    entries.append(Entry(pts: packet.pts, duration: packet.duration, key: packet.isKey))
                }
            } catch {
                throw MediaError(.truncated, file: file.path, "truncated or corrupt after \(packetCount) video packets: \(error.detail)")
            }
            if let missing = FrameIndex.missingIndexedPackets(file.stream(index), file: file, read: packetCount), missing > 0 {
                throw MediaError(.truncated, file: file.path, "truncated: \(missing) of \(packetCount + missing) video packets are missing")
            }
            if let declared = FrameIndex.declaredPackets(file.stream(index), file: file), declared > packetCount {
                // The header's sample table lists more than its index gives (a corrupt sample size ends the index early).
                throw MediaError(.truncated, file: file.path, "corrupt: the header lists \(declared) video frames but only \(packetCount) can be read")
            }
            if firstDecodeTimestamp == Int64.max { firstDecodeTimestamp = rk_AV_NOPTS_VALUE() }
        }

        /// Widens its audio stream's span to take in `packet` (packets an edit list hides are left out).
        private mutating func noteAudio(_ packet: Packet) {
            guard packet.pts != rk_AV_NOPTS_VALUE(), !packet.isDiscarded else { return }
            let end = packet.pts &+ max(0, packet.duration)
            let span = audioSpans[packet.streamIndex] ?? (packet.pts, end)
            audioSpans[packet.streamIndex] = (min(span.start, packet.pts), max(span.end, end))
        }
    }

    /// Builds the index from entries with distinct, known timestamps (packets or decoded frames).
    ///
    /// With B-frames a packet's duration is a decode-order step, not how long its picture shows:
    /// then a frame lasts until the next one starts, and the last as long as the one before it.
    init(entries unsorted: [Entry], timeBase: AVRational, firstDecodeTimestamp: Int64,
         method: FrameCountMethod = .packets, identifiesByTimestamp: Bool = true) {
        let reordered = zip(unsorted, unsorted.dropFirst()).contains { $0.pts > $1.pts }
        let entries = unsorted.sorted { $0.pts < $1.pts }
        let timestamps = entries.map(\.pts)
        var durations = entries.map(\.duration)
        for i in durations.indices where reordered || durations[i] <= 0 {
            if i + 1 < timestamps.count {
                let (step, overflow) = timestamps[i + 1].subtractingReportingOverflow(timestamps[i])
                durations[i] = overflow ? 1 : max(1, step)
            } else {
                durations[i] = i > 0 ? durations[i - 1] : max(1, durations[i])
            }
        }
        self.timestamps = timestamps
        self.durations = durations
        keyframes = entries.indices.filter { entries[$0].key }
        let first = firstDecodeTimestamp == rk_AV_NOPTS_VALUE() ? timestamps.first ?? 0 : firstDecodeTimestamp
        self.firstDecodeTimestamp = min(first, timestamps.first ?? first)
        self.timeBase = timeBase.num > 0 && timeBase.den > 0 ? timeBase : AVRational(num: 1, den: 90000)
        self.method = method
        self.identifiesByTimestamp = identifiesByTimestamp
    }

    /// Decodes the whole stream once (a `FrameSource` reading every frame in the decoder's order) and indexes
    /// the frames the decoder gives out.
    ///
    /// Frames keep their own timestamps when each is known and later than the one before;
    /// otherwise frame N is simply the Nth out of the decoder, placed at N / `rate` seconds.
    private static func decodingScan(_ scanned: MediaFile, stream index: Int32, firstDecodeTimestamp: Int64,
                                     rate: AVRational) throws(MediaError) -> FrameIndex {
        let path = scanned.path
        // Read from the top: the source starts a new demuxer on the clip's open file.
        let source = try FrameSource(scanned, stream: Int(index), index: .inDecoderOrder)
        var frames: [Entry] = []
        do {
            while let (_, frame) = try source.next() {
                frames.append(Entry(pts: frame.timestamp, duration: rk_frame_duration(frame.pointer), key: rk_frame_is_key(frame.pointer) != 0))
            }
        } catch where error.kind == .unsupported {
            throw error
        } catch {
            throw MediaError(.truncated, file: path, "truncated or corrupt after \(frames.count) decoded frames: \(error.problem)")
        }
        guard !frames.isEmpty else {
            throw MediaError(.truncated, file: path, "the video stream has no frame the decoder can show")
        }
        let first = firstDecodeTimestamp == Int64.max ? rk_AV_NOPTS_VALUE() : firstDecodeTimestamp
        let timed = frames.allSatisfy { $0.pts != rk_AV_NOPTS_VALUE() }
            && zip(frames, frames.dropFirst()).allSatisfy { $0.pts < $1.pts }
        if timed {
            return FrameIndex(entries: frames, timeBase: source.stream.pointee.time_base, firstDecodeTimestamp: first, method: .decoded)
        }
        // No usable timestamps: one slot of 1/rate seconds per frame, in the decoder's order.
        let slots = frames.enumerated().map { Entry(pts: Int64($0.offset), duration: 1, key: $0.element.key) }
        return FrameIndex(entries: slots, timeBase: AVRational(num: rate.den, den: rate.num), firstDecodeTimestamp: 0,
                          method: .decoded, identifiesByTimestamp: false)
    }

    /// The stream's frame rate when it is a plausible one (average, else base), else 25 fps
    /// (libavformat's own default for raw video).
    static func nominalRate(_ stream: UnsafeMutablePointer<AVStream>) -> AVRational {
        for rate in [stream.pointee.avg_frame_rate, stream.pointee.r_frame_rate] where isPlausibleRate(num: rate.num, den: rate.den) {
            return rate
        }
        return AVRational(num: 25, den: 1)
    }

    /// Whether `num/den` frames per second is a rate a video could have (one frame an hour up to 1000 fps).
    static func isPlausibleRate(num: Int32, den: Int32) -> Bool {
        guard num > 0 && den > 0 else { return false }
        let value = Double(num) / Double(den)
        return value >= 1.0 / 3600 && value <= 1000
    }

    /// The same as `init(entries:timeBase:…)` with the time base given as numbers (`num/den` seconds a tick).
    init(entries: [Entry], timeBaseNum: Int32, timeBaseDen: Int32, firstDecodeTimestamp: Int64) {
        self.init(entries: entries, timeBase: AVRational(num: timeBaseNum, den: timeBaseDen), firstDecodeTimestamp: firstDecodeTimestamp)
    }

    /// For containers whose header indexes every sample (MP4/MOV), how many packets the sample table lists
    /// (nil where it lists none: a fragmented MP4).
    private static func declaredPackets(_ stream: UnsafeMutablePointer<AVStream>, file: MediaFile) -> Int? {
        guard file.headerIndexesEverySample, stream.pointee.nb_frames > 0 else { return nil }
        return Int(stream.pointee.nb_frames)
    }

    /// For containers whose header indexes every sample (MP4/MOV), how many indexed packets were never read.
    private static func missingIndexedPackets(_ stream: UnsafeMutablePointer<AVStream>, file: MediaFile, read: Int) -> Int? {
        guard file.headerIndexesEverySample else { return nil }
        return Int(avformat_index_get_entries_count(stream)) - read
    }

    /// The frame number shown at presentation timestamp `pts`: the frame that starts there, else the one
    /// whose interval holds it (a decoder may round a timestamp the container stored more finely).
    func position(of pts: Int64) -> Int? {
        var low = 0, high = timestamps.count
        while low < high {
            let mid = low + (high - low) / 2
            if timestamps[mid] <= pts { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let candidate = low - 1
        let (end, overflow) = timestamps[candidate].addingReportingOverflow(max(1, durations[candidate]))
        return timestamps[candidate] == pts || (!overflow && pts < end) ? candidate : nil
    }

    /// Keyframes at or before frame `target`, nearest first: the places decoding can start from.
    func keyframes(before target: Int) -> [Int] {
        keyframes.filter { $0 <= target }.reversed()
    }

    /// Seconds from the first frame's start to `pts` (exact in Double even for timestamps near the Int64 limits).
    private func seconds(since first: Int64, _ pts: Int64) -> Double {
        let (ticks, overflow) = pts.subtractingReportingOverflow(first)
        return (overflow ? Double(pts) - Double(first) : Double(ticks)) * av_q2d(timeBase)
    }

    /// When each frame starts, in seconds after the first frame.
    var frameStarts: [Double] {
        guard let first = timestamps.first else { return [] }
        return timestamps.map { seconds(since: first, $0) }
    }

    /// Seconds from the first shown frame's start to the last one's end.
    var duration: Double {
        guard let first = timestamps.first, let last = timestamps.last, let shown = durations.last else { return 0 }
        return seconds(since: first, last) + Double(shown) * av_q2d(timeBase)
    }

    /// Frames per second over the whole stream, frames ÷ duration as a reduced fraction (nil when empty).
    var averageRate: AVRational? {
        guard let first = timestamps.first, let last = timestamps.last, let shown = durations.last else { return nil }
        let (span, overflow) = last.subtractingReportingOverflow(first)
        let (ticks, overflow2) = span.addingReportingOverflow(shown)
        guard !overflow, !overflow2, ticks > 0 else { return nil }
        var rate = AVRational()
        let (num, o1) = Int64(count).multipliedReportingOverflow(by: Int64(timeBase.den))
        let (den, o2) = ticks.multipliedReportingOverflow(by: Int64(timeBase.num))
        guard !o1, !o2 else { return nil }
        av_reduce(&rate.num, &rate.den, num, den, 1 << 30)
        return rate.num > 0 && rate.den > 0 ? rate : nil
    }

    /// True when frames are not evenly spaced: more than 1% apart in length, beyond rounding (a tick, a millisecond).
    var isVariableFrameRate: Bool {
        guard count > 2 else { return false }
        let deltas = zip(timestamps.dropFirst(), timestamps).map { $0.subtractingReportingOverflow($1).partialValue }
        guard let low = deltas.min(), let high = deltas.max() else { return false }
        let (spread, overflow) = high.subtractingReportingOverflow(low)
        // Timestamps rounded to a fine time base jitter by one tick, and by a millisecond where they once
        // were Matroska's (a WebM remuxed to MP4); where a tick is a large part of a frame (AVI's 1/25 s),
        // one tick more is a whole missing frame.
        let perMillisecond = 0.001 / av_q2d(timeBase)
        let millisecond = perMillisecond.isFinite && perMillisecond < Double(low) / 2 ? Int64(perMillisecond) : 0
        let jitter = max(low >= 10 ? 1 : 0, millisecond)
        return overflow || spread > max(jitter, low / 100)
    }

    /// The longest run of shown frames that starts at a keyframe (or at frame 0) before the next keyframe.
    var longestGOP: Int {
        let starts = Array(Set([0] + keyframes)).sorted()
        let ends = starts.dropFirst() + [count]
        return zip(starts, ends).map { $1 - $0 }.max() ?? count
    }
}

extension Decoder {
    /// Sends a packet; a packet the decoder finds damaged is dropped, as players (and the ffmpeg
    /// program) do, and decoding goes on.
    func sendSkippingDamage(_ packet: Packet) throws(AVFailure) {
        do {
            try send(packet)
        } catch where error.code == rk_AVERROR_INVALIDDATA() {
            return
        }
    }
}
