import CFFmpeg

/// Decodes chosen frames of one clip by exact presentation index, streaming one frame at a time.
///
/// Built on a `FrameIndex`: for each target it seeks to the nearest keyframe at or before it
/// (by presentation time, so B-frames and open GOPs never overshoot) unless decoding on from
/// where it is gets there as soon, and skips frames nothing refers to on the way.
final class FrameReader {
    let file: MediaFile
    let streamIndex: Int32
    let index: FrameIndex
    private let decoder: Decoder
    private let packet = Packet()
    private let frame = Frame()
    /// Frame number the decoder last gave out since the last seek, nil right after a seek.
    private var lastOutput: Int?
    /// Whether the decoder is in step with the demuxer (false before the first seek and after draining).
    private var positioned = false
    /// Presentation timestamps of the frames asked for: every other frame that nothing refers to is skipped.
    private var wanted: Set<Int64> = []

    /// Opens the clip and scans its packets.
    init(path: String) throws(MediaError) {
        file = try MediaFile(path: path, fullStreamInfo: false)
        streamIndex = try file.videoStreamIndex()
        index = try FrameIndex.scan(file, stream: streamIndex)
        decoder = try Decoder(stream: file.stream(streamIndex), file: path)
    }

    var stream: UnsafeMutablePointer<AVStream> { file.stream(streamIndex) }

    /// Decodes `targets` (ascending, distinct, within the clip) and hands each frame to `body` in turn.
    ///
    /// The frame is only valid during the call.
    func read(_ targets: [Int], _ body: (Int, Frame) throws(MediaError) -> Void) throws(MediaError) {
        wanted = Set(targets.map { index.timestamps[$0] })
        for target in targets {
            try decode(target)
            try body(target, frame)
        }
    }

    /// Leaves frame `target` in `frame`.
    private func decode(_ target: Int) throws(MediaError) {
        let starts = index.keyframes(before: target)
        let mustSeek = !positioned || (starts.first.map { $0 > (lastOutput ?? -1) } ?? false)
        if !mustSeek, try decodeForward(to: target) { return }
        // Try the nearest keyframe first, the one before if the demuxer lands past the target, then the top.
        for start in starts.prefix(2).map({ index.timestamps[$0] }) + [index.firstDecodeTimestamp] {
            try seek(to: start)
            if try decodeForward(to: target) { return }
        }
        throw MediaError(.failed, file: file.path, "frame \(target) never came out of the decoder")
    }

    private func seek(to timestamp: Int64) throws(MediaError) {
        do {
            try file.seek(stream: streamIndex, to: timestamp)
        } catch {
            throw error.mediaError(file: file.path)
        }
        decoder.flush()
        positioned = true
        lastOutput = nil
    }

    /// Decodes on until frame `target` comes out; false if a later frame comes out first.
    private func decodeForward(to target: Int) throws(MediaError) -> Bool {
        do {
            while true {
                switch try decoder.receive(into: frame) {
                case .frame:
                    guard let position = index.position(of: frame.timestamp) else { continue }
                    if position == target {
                        lastOutput = position
                        return true
                    }
                    if position > target { return false }
                    lastOutput = position
                case .needsInput:
                    if try file.read(into: packet) {
                        // Frames not asked for that nothing refers to need not be decoded.
                        let known = packet.pts != rk_AV_NOPTS_VALUE()
                        decoder.skipFrame = known && !wanted.contains(packet.pts) ? AVDISCARD_NONREF : AVDISCARD_DEFAULT
                        try decoder.send(packet)
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
            throw error.mediaError(file: file.path)
        }
    }
}
