import CFFmpeg

/// Decodes chosen frames of one clip by exact presentation index, streaming one frame at a time.
///
/// Built on a `FrameIndex`: for each target it seeks to the nearest keyframe at or before it
/// (by presentation time, so B-frames and open GOPs never overshoot) unless decoding on from
/// where it is gets there as soon, and skips frames nothing refers to on the way. Where the
/// input cannot seek, or its frames can only be told apart by their order, it decodes forward
/// from the start and counts the frames the decoder gives out.
final class FrameReader {
    let path: String
    private(set) var file: MediaFile
    let streamIndex: Int32
    let index: FrameIndex
    private var decoder: Decoder
    private let packet = Packet()
    private let frame = Frame()
    /// Frame number the decoder last gave out since the last seek, nil right after a seek.
    private var lastOutput: Int?
    /// Frames the decoder has given out since decoding restarted from the top (order-counted streams).
    private var produced = 0
    /// Whether the decoder is in step with the demuxer (false before the first seek and after draining).
    private var positioned = false
    /// Whether reading started at the top and never moved since (so output order is frame order).
    private var fromTop = false
    /// After a seek: packets are dropped until a keyframe's, so decoding never starts on a picture
    /// whose references are missing (a demuxer that seeks by decode time may land just past the keyframe).
    private var awaitingKeyframe = false
    /// Presentation timestamps of the frames asked for: every other frame that nothing refers to is skipped.
    private var wanted: Set<Int64> = []

    /// Opens the clip and indexes the frames of one video stream.
    ///
    /// - Parameter stream: the video stream's index in the file; nil for the main one (never a cover picture).
    /// - Throws: `MediaError` for a bad clip, or a `stream` that is not a video stream.
    init(path: String, stream: Int? = nil) throws(MediaError) {
        self.path = path
        file = try MediaFile(path: path, fullStreamInfo: false)
        streamIndex = try file.videoStreamIndex(requested: stream)
        index = try FrameIndex.scan(file, stream: streamIndex)
        decoder = try Decoder(stream: file.stream(streamIndex), file: path)
    }

    var stream: UnsafeMutablePointer<AVStream> { file.stream(streamIndex) }

    /// Decodes `targets` (ascending, distinct, within the clip) and hands each frame to `body` in turn.
    ///
    /// The frame is only valid during the call.
    func read(_ targets: [Int], _ body: (Int, Frame) throws(MediaError) -> Void) throws(MediaError) {
        wanted = index.identifiesByTimestamp ? Set(targets.map { index.timestamps[$0] }) : []
        for target in targets {
            try decode(target)
            try body(target, frame)
        }
    }

    /// Leaves frame `target` in `frame`.
    private func decode(_ target: Int) throws(MediaError) {
        guard index.identifiesByTimestamp else {
            // Frames are told apart by their order only: count them from the top.
            if !positioned || !fromTop || (lastOutput ?? -1) >= target { try restart() }
            if try decodeForward(to: target) { return }
            throw MediaError(.failed, file: path, "frame \(target) never came out of the decoder")
        }
        let starts = index.keyframes(before: target)
        let mustSeek = !positioned || (starts.first.map { $0 > (lastOutput ?? -1) } ?? false)
        if !mustSeek, try decodeForward(to: target) { return }
        // Try the nearest keyframe first, the one before if the demuxer lands past the target, then the top.
        for start in starts.prefix(2).map({ index.timestamps[$0] }) + [index.firstDecodeTimestamp] {
            guard seek(to: start) else { break }
            if try decodeForward(to: target) { return }
        }
        // The input cannot seek (a raw stream, a pipe) or seeking never got there: decode from the start.
        try restart()
        if try decodeForward(to: target) { return }
        throw MediaError(.failed, file: path, "frame \(target) never came out of the decoder")
    }

    /// Seeks to the keyframe at or before `timestamp`; false when the input refuses.
    private func seek(to timestamp: Int64) -> Bool {
        do {
            try file.seek(stream: streamIndex, to: timestamp)
        } catch {
            return false
        }
        decoder.flush()
        positioned = true
        fromTop = false
        awaitingKeyframe = true
        lastOutput = nil
        return true
    }

    /// Reopens the clip and a fresh decoder, to read again from the first packet.
    private func restart() throws(MediaError) {
        file = try MediaFile(path: path, fullStreamInfo: false)
        file.keepOnly(stream: streamIndex)
        decoder = try Decoder(stream: file.stream(streamIndex), file: path)
        positioned = true
        fromTop = true
        awaitingKeyframe = false
        lastOutput = nil
        produced = 0
    }

    /// Decodes on until frame `target` comes out; false if a later frame comes out first.
    private func decodeForward(to target: Int) throws(MediaError) -> Bool {
        do {
            while true {
                switch try decoder.receive(into: frame) {
                case .frame:
                    let found: Int?
                    if index.identifiesByTimestamp {
                        found = index.position(of: frame.timestamp)
                    } else {
                        found = produced < index.count ? produced : nil
                        produced += 1
                    }
                    guard let position = found else { continue }
                    if position == target {
                        lastOutput = position
                        return true
                    }
                    if position > target { return false }
                    lastOutput = position
                case .needsInput:
                    if try file.read(into: packet) {
                        if awaitingKeyframe && !packet.isKey { continue }
                        awaitingKeyframe = false
                        // Frames not asked for that nothing refers to need not be decoded (when frames
                        // are counted, every one must come out).
                        let known = packet.pts != rk_AV_NOPTS_VALUE() && index.identifiesByTimestamp
                        decoder.skipFrame = known && !wanted.contains(packet.pts) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT
                        try decoder.sendSkippingDamage(packet)
                    } else {
                        decoder.skipFrame = AVDISCARD_DEFAULT
                        try decoder.send(nil)
                    }
                case .finished:
                    positioned = false
                    return false
                }
            }
        } catch {
            throw error.mediaError(file: path)
        }
    }
}
