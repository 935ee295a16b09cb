internal import CFFmpeg

/// The one decode loop of RayMedia: frames of one video stream by exact presentation index, for stills,
/// crops, trims, fixes and image loading alike.
///
/// Built on a `FrameIndex`. `seek(toFrame:)` places decoding at the nearest keyframe at or before a
/// frame (by presentation time, so B-frames and open GOPs never overshoot), unless decoding on from where
/// it is gets there as soon; after a seek, packets are fed from a keyframe's only (MPEG-TS and Matroska
/// seeks can land past it). `next()` gives the frames in presentation order, each matched to its index
/// position by its presentation interval and by order. Where the input cannot seek, or its frames can
/// only be told apart by their order, decoding restarts from the top and frames are counted.
final class FrameSource {
    let path: String
    /// The demuxer read from; replaced by a new one on the same open file to decode from the top.
    private(set) var file: MediaFile
    let streamIndex: Int32
    let index: FrameIndex
    private var decoder: Decoder
    private let packet = Packet()
    private let frame = Frame()
    /// Frame number the decoder last gave out since decoding was placed, nil right after placing.
    private(set) var lastOutput: Int?
    /// Frames the decoder has given out since decoding restarted from the top (order-counted streams).
    private var produced = 0
    /// Whether the decoder is in step with the demuxer (false before the first placing and after draining).
    private var positioned = false
    /// Whether reading started at the top and never moved since (so output order is frame order).
    private var fromTop = false
    /// After a seek: packets are dropped until a keyframe's.
    private var awaitingKeyframe = false
    private var draining = false
    /// Presentation timestamps of the frames the caller keeps; other frames nothing refers to are skipped.
    /// Empty: every frame is decoded.
    private var wanted: Set<Int64> = []
    /// Receives the packets of the other streams kept (audio, for a crop) as they are read.
    var otherPackets: ((Packet) throws(MediaError) -> Void)?
    /// Told the presentation timestamp and size in bytes of each video packet sent to the decoder, in
    /// decoding order.
    var onVideoPacket: ((_ pts: Int64, _ bytes: Int) -> Void)?
    /// Called when decoding is placed again: packets handed out before are not followed on from.
    var onReposition: (() -> Void)?
    /// Decode for rough pictures only (see `Decoder.preferSpeed`): for measuring, never for stills or crops.
    var roughPictures = false {
        didSet { if roughPictures { decoder.preferSpeed() } }
    }
    /// Which pictures are decoded: fewer than all only for a sparse look at the clip, for measuring.
    var pictures = Pictures.all

    /// The pictures a sparse look decodes (skipping the others changes none of them).
    enum Pictures {
        case all
        /// The pictures other pictures refer to.
        case references
        /// The keyframes.
        case keyframes

        fileprivate var discard: AVDiscard {
            switch self {
            case .all: AVDISCARD_DEFAULT
            case .references: AVDISCARD_NONREF
            case .keyframes: AVDISCARD_NONKEY
            }
        }
    }
    /// Streams besides the video whose packets go to `otherPackets`.
    private let keptStreams: Set<Int32>

    /// Decodes one video stream of a clip from a demuxer at its start.
    ///
    /// - Parameters:
    ///   - file: a demuxer not yet read from (a `Clip`'s).
    ///   - stream: the video stream's index in the file; nil for the main one (never a cover picture).
    ///   - index: the stream's frame index.
    ///   - keeping: other streams whose packets are handed to `otherPackets` (the rest are not read).
    /// - Throws: `MediaError` for a bad clip, or a `stream` that is not a video stream.
    init(_ file: MediaFile, stream: Int? = nil, index: FrameIndex, keeping: Set<Int32> = []) throws(MediaError) {
        path = file.path
        self.file = file
        streamIndex = try file.videoStreamIndex(requested: stream)
        self.index = index
        keptStreams = keeping.subtracting([streamIndex])
        Self.discardOthers(file, video: streamIndex, keeping: keptStreams)
        decoder = try Decoder(stream: file.stream(streamIndex), file: path)
    }

    var stream: UnsafeMutablePointer<AVStream> { file.stream(streamIndex) }

    /// Decode only what these frames need (frames nothing refers to are skipped); empty: decode every frame.
    func want(_ targets: [Int]) {
        wanted = index.identifiesByTimestamp ? Set(targets.map { index.timestamps[$0] }) : []
    }

    /// Decodes `targets` (ascending, distinct, within the clip) and hands each frame to `body` in turn.
    ///
    /// The frame is only valid during the call.
    func read(_ targets: [Int], _ body: (Int, Frame) throws(MediaError) -> Void) throws(MediaError) {
        want(targets)
        for target in targets { try body(target, try frame(at: target)) }
    }

    /// Frame `target`, exactly: placed as cheaply as the index allows, with retries from an earlier
    /// keyframe and then from the top when a demuxer lands past it.
    func frame(at target: Int) throws(MediaError) -> Frame {
        guard index.identifiesByTimestamp else {
            // Frames are told apart by their order only: count them from the top.
            if !positioned || !fromTop || (lastOutput ?? -1) >= target { try restart() }
            if try decodeForward(to: target) { return frame }
            throw MediaError(.failed, file: path, "frame \(target) never came out of the decoder")
        }
        let starts = index.keyframes(before: target)
        let mustSeek = !positioned || (starts.first.map { $0 > (lastOutput ?? -1) } ?? false) || (lastOutput ?? -1) >= target
        if !mustSeek, try decodeForward(to: target) { return frame }
        for start in starts.prefix(2).map({ index.timestamps[$0] }) + [index.firstDecodeTimestamp] {
            guard seek(to: start) else { break }
            if try decodeForward(to: target) { return frame }
        }
        // The input cannot seek (a raw stream, a pipe) or seeking never got there: decode from the start.
        try restart()
        if try decodeForward(to: target) { return frame }
        throw MediaError(.failed, file: path, "frame \(target) never came out of the decoder")
    }

    /// Places decoding so that `next()` gives frame `target` first (decoded already, with the retries of
    /// `frame(at:)`, so a demuxer that lands past the keyframe cannot skip it).
    func seek(toFrame target: Int) throws(MediaError) {
        // A span that starts with the clip is read from the top, so everything before its first frame
        // (audio that starts earlier, priming) comes through too.
        if target == 0 {
            try restart()
            if try decodeForward(to: 0) {
                held = 0
                return
            }
        }
        _ = try frame(at: target)
        held = target
    }

    /// A frame decoded by `seek(toFrame:)` that `next()` has yet to give.
    private var held: Int?

    /// The next frame the decoder presents and its index position; nil at the end. Frames that match
    /// no position, or come out of order, are passed over. The frame is valid until the next call.
    func next() throws(MediaError) -> (index: Int, frame: Frame)? {
        if let position = held {
            held = nil
            return (position, frame)
        }
        if !positioned { try restart() }
        while let position = try decodeNext() {
            if position > (lastOutput ?? -1) {
                lastOutput = position
                return (position, frame)
            }
        }
        return nil
    }

    /// Seeks to the keyframe at or before `timestamp`; false when the input refuses.
    private func seek(to timestamp: Int64) -> Bool {
        do {
            try file.seek(stream: streamIndex, to: timestamp)
        } catch {
            return false
        }
        decoder.flush()
        place(fromTop: false)
        awaitingKeyframe = true
        return true
    }

    /// A new demuxer on the clip's open file and a fresh decoder, to read again from the first packet.
    private func restart() throws(MediaError) {
        file = try file.reopen()
        Self.discardOthers(file, video: streamIndex, keeping: keptStreams)
        decoder = try Decoder(stream: file.stream(streamIndex), file: path)
        if roughPictures { decoder.preferSpeed() }
        place(fromTop: true)
        awaitingKeyframe = false
        produced = 0
    }

    private func place(fromTop: Bool) {
        held = nil
        positioned = true
        draining = false
        self.fromTop = fromTop
        lastOutput = nil
        onReposition?()
    }

    private static func discardOthers(_ file: MediaFile, video: Int32, keeping: Set<Int32>) {
        for i in 0..<file.streamCount {
            file.stream(i).pointee.discard = i == video || keeping.contains(i) ? AVDISCARD_DEFAULT : AVDISCARD_ALL
        }
    }

    /// Decodes on until frame `target` comes out; false if a later frame comes out first or the stream ends.
    private func decodeForward(to target: Int) throws(MediaError) -> Bool {
        while let position = try decodeNext() {
            if position == target {
                lastOutput = position
                return true
            }
            if position > target { return false }
            lastOutput = position
        }
        return false
    }

    /// The index position of the next frame out of the decoder (nil when it matches none is skipped
    /// over); nil at the end of the stream.
    private func decodeNext() throws(MediaError) -> Int? {
        do {
            while true {
                switch try decoder.receive(into: frame) {
                case .frame:
                    file.counters.add(frames: 1)
                    try checkConvertible(frame)
                    if let position = identify(frame) { return position }
                case .needsInput:
                    try feed()
                case .finished:
                    positioned = false
                    return nil
                }
            }
        } catch let error as MediaError {
            throw error
        } catch {
            throw (error as! AVFailure).mediaError(file: path)
        }
    }

    /// Pixel formats seen that libswscale converts (checked once each, so no frame reaches the scaler it cannot take).
    private var convertible: Set<Int32> = []

    private func checkConvertible(_ frame: Frame) throws(MediaError) {
        let format = frame.pointer.pointee.format
        guard !convertible.contains(format) else { return }
        guard sws_isSupportedInput(AVPixelFormat(rawValue: format)) != 0 else {
            let name = av_get_pix_fmt_name(AVPixelFormat(rawValue: format)).map { String(cString: $0) } ?? "\(format)"
            throw MediaError(.unsupported, file: path, "the decoder gives pictures in \(name), which libswscale cannot convert")
        }
        convertible.insert(format)
    }

    /// The position of a decoded frame: by its presentation interval, or by order where timestamps cannot tell.
    private func identify(_ frame: Frame) -> Int? {
        guard index.identifiesByTimestamp else {
            defer { produced += 1 }
            return produced < index.count || index.isOpenEnded ? produced : nil
        }
        return index.position(of: frame.timestamp)
    }

    /// Sends the decoder its next packet (or the end), handing other streams' packets on.
    private func feed() throws {
        guard !draining else { return }
        while try file.read(into: packet) {
            guard packet.streamIndex == streamIndex else {
                if keptStreams.contains(packet.streamIndex) { try otherPackets?(packet) }
                continue
            }
            if awaitingKeyframe && !packet.isKey { continue }
            awaitingKeyframe = false
            // Frames not asked for that nothing refers to need not be decoded (when frames are counted,
            // every one must come out).
            let known = packet.pts != rk_AV_NOPTS_VALUE() && index.identifiesByTimestamp && !wanted.isEmpty
            decoder.skipFrame = known && !wanted.contains(packet.pts) && pictures == .all ? AVDISCARD_NONREF : pictures.discard
            onVideoPacket?(packet.pts, Int(packet.size))
            try decoder.sendSkippingDamage(packet)
            return
        }
        decoder.skipFrame = AVDISCARD_DEFAULT
        draining = true
        try decoder.send(nil)
    }
}
