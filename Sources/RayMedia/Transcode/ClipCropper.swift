import CFFmpeg
import Foundation
import RayCanvas

/// How to encode the video of a crop.
public struct EncodeOptions: Sendable, Equatable {
    /// nil: HEVC 10-bit for HLG/PQ sources (keeps the HDR transfer), H.264 otherwise.
    public var codec: VideoCodec?
    /// Constant rate factor; nil for the encoder's default (x264: 23, x265: 28).
    public var crf: Int?
    /// x264/x265 preset; nil for the encoder's default (medium).
    public var preset: String?
    /// Encoder threads; 0 lets the encoder choose.
    public var threads: Int
    /// A ceiling on the video bitrate in bits per second (so a file fits a size limit); nil: none.
    public var maxBitRate: Int?

    public init(codec: VideoCodec? = nil, crf: Int? = nil, preset: String? = nil, threads: Int = 0, maxBitRate: Int? = nil) {
        self.codec = codec
        self.crf = crf
        self.preset = preset
        self.threads = threads
        self.maxBitRate = maxBitRate
    }
}

/// How to crop and re-encode a clip.
public struct CropSettings: Sendable {
    /// The window in display pixels (rotation and pixel shape applied), even sides.
    public var window: CropRect
    /// The delivered size in display pixels (the window's size unless scaling).
    public var output: PixelSize
    public var encode: EncodeOptions
    /// Keep only this span, in seconds from the first frame (start included, end excluded); nil: all.
    public var trim: ClosedRange<Double>?
    /// Resample a variable frame rate to the stream's base rate: each output slot shows the frame on
    /// screen at its time (frames repeated or dropped, timing kept). Frame positions change.
    public var constantFrameRate: Bool
    /// Replace an existing output file.
    public var overwrite: Bool

    public init(window: CropRect, output: PixelSize, encode: EncodeOptions = EncodeOptions(),
                trim: ClosedRange<Double>? = nil, constantFrameRate: Bool = false, overwrite: Bool = false) {
        self.window = window
        self.output = output
        self.encode = encode
        self.trim = trim
        self.constantFrameRate = constantFrameRate
        self.overwrite = overwrite
    }
}

/// How far a crop has got.
public struct CropProgress: Sendable {
    public let framesDone: Int
    /// Frames in the clip (from the probe), if known.
    public let framesTotal: Int?
    /// Seconds since the crop started.
    public let elapsed: Double
}

/// What a finished crop wrote.
public struct CropOutput: Codable, Sendable, Equatable {
    public let file: String
    public let codec: VideoCodec
    public let width: Int
    public let height: Int
    public let frames: Int
    public let audioStreams: Int
    /// Whether audio was re-encoded to AAC (audio an MP4 cannot carry, such as PCM); copied otherwise.
    public let audioTranscoded: Bool
}

/// Crops (and scales) a clip to a window and re-encodes it with libavcodec into MP4.
public enum ClipCropper {
    /// Decodes `input`, crops every frame in display space, encodes with libx264/libx265 and writes
    /// `output` with the audio copied untouched (re-encoded to AAC when an MP4 cannot carry it, such as
    /// PCM) and the timestamps kept (variable frame rate stays variable). Without a trim (or one from 0)
    /// the whole audio is kept, AAC priming and audio before the first frame included, in sync.
    ///
    /// The file appears only when complete: it is written under a temporary name and renamed.
    /// - Parameters:
    ///   - frameCount: the clip's frame count, for progress reports.
    ///   - progress: called after each frame from the calling thread.
    ///   - isCancelled: polled once a frame; when it turns true the crop stops and leaves nothing behind.
    /// - Throws: `MediaError` naming the file at fault.
    public static func crop(_ input: String, to output: String, _ settings: CropSettings, frameCount: Int? = nil,
                            progress: ((CropProgress) -> Void)? = nil,
                            isCancelled: () -> Bool = { false }) throws(MediaError) -> CropOutput {
        try AtomicFile.checkWritable(output, overwrite: settings.overwrite)
        if AtomicFile.sameFile(input, output) {
            throw MediaError(.invalidRequest, file: output, "is the input clip: write the crop somewhere else")
        }
        let temporary = AtomicFile.temporaryPath(for: output)
        do {
            let result = try Transcode(input: input, output: temporary, settings: settings)
                .run(frameCount: frameCount, progress: progress, isCancelled: isCancelled)
            try AtomicFile.commit(temporary, to: output)
            return CropOutput(file: output, codec: result.codec, width: settings.output.width, height: settings.output.height,
                              frames: result.frames, audioStreams: result.audioStreams, audioTranscoded: result.audioTranscoded)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error.file == temporary ? MediaError(error.kind, file: output, error.problem) : error
        }
    }
}

/// One decode → crop → encode → mux pass.
private final class Transcode {
    let input: MediaFile
    let outputPath: String
    let settings: CropSettings
    let videoIndex: Int32
    let decoder: Decoder
    let filter: CropFilter
    let encoder: VideoEncoder
    let out: OutputFile
    let codec: VideoCodec
    /// HDR10 metadata carried over to an HEVC output (nil for SDR outputs or sources without it).
    let hdrMetadata: HDRMetadata?
    /// Input stream index → output stream, for the video and every audio stream copied.
    var streamMap: [Int32: UnsafeMutablePointer<AVStream>] = [:]
    /// Input stream index → its re-encoding, for audio an MP4 cannot carry.
    var transcoders: [Int32: AudioTranscoder] = [:]
    /// How long each frame in the encoder shows, by its timestamp: packets carry it to the muxer.
    private var durations: [Int64: Int64] = [:]
    /// Where the kept span starts in the input's video time base (the first frame, plus any trim).
    let spanStart: Int64
    /// The input time (video time base) that becomes 0 in the output: `spanStart`, or earlier when
    /// the span starts with the clip and audio starts before the first frame (kept, as `ffmpeg -c:a copy` does).
    let origin: Int64
    /// Whether the span starts with the clip (no trim, or one from 0): then all the audio is kept.
    let startsWithClip: Bool
    /// Length kept after `spanStart`, in the video time base; nil: to the end.
    let keepTicks: Int64?
    /// With a constant output rate: the rate, and the next output slot to fill.
    let constantRate: AVRational?
    private var nextSlot: Int64 = 0
    /// The last decoded frame, held until the next one says how long it shows (with B-frames a
    /// packet's duration is a decode-order step, not a display time).
    private var pending: (frame: Frame, pts: Int64)?
    private var lastShown: Int64 = 0

    init(input path: String, output: String, settings: CropSettings) throws(MediaError) {
        input = try MediaFile(path: path)
        outputPath = output
        self.settings = settings
        videoIndex = try input.videoStreamIndex()
        let stream = input.stream(videoIndex)
        let par = stream.pointee.codecpar.pointee
        decoder = try Decoder(stream: stream, file: path)
        let tb = stream.pointee.time_base
        func ticks(_ seconds: Double) -> Int64 { Int64((seconds / av_q2d(tb)).rounded()) }
        let first = stream.pointee.start_time == rk_AV_NOPTS_VALUE() ? 0 : stream.pointee.start_time
        spanStart = first + ticks(settings.trim?.lowerBound ?? 0)
        startsWithClip = (settings.trim?.lowerBound ?? 0) <= 0
        origin = startsWithClip ? min(spanStart, Self.earliestAudioStart(input, in: tb)) : spanStart
        keepTicks = settings.trim.map { ticks($0.upperBound - $0.lowerBound) }
        let description = StreamDescription(stream)
        codec = settings.encode.codec ?? (description.hdr == .sdr ? .h264 : .hevc10)
        // 8-bit H.264 from HLG/PQ is made SDR (tone-mapped, BT.709); HEVC 10-bit keeps the HDR tags.
        let toneMap = codec == .h264 && description.hdr != .sdr ? ToneMap(description.hdr) : nil
        // The output is tagged with all four colour fields, untagged ones filled as players assume
        // (BT.709 for HD, BT.601 for SD; see PictureColor), and keeps the source's range.
        let sourceColor = PictureColor(par)
        let color = toneMap == nil ? sourceColor : PictureColor.sdrBT709
        hdrMetadata = codec == .hevc10 && description.hdr != .sdr ? try HDRMetadata.read(path, stream: stream) : nil
        out = try OutputFile(path: output)
        let rate = Self.nominalRate(stream)
        constantRate = settings.constantFrameRate ? rate : nil
        encoder = try VideoEncoder(.init(
            codec: codec, width: settings.output.width, height: settings.output.height,
            timeBase: settings.constantFrameRate ? av_inv_q(rate) : stream.pointee.time_base, frameRate: rate,
            crf: settings.encode.crf, preset: settings.encode.preset, threads: settings.encode.threads,
            maxBitRate: settings.encode.maxBitRate, globalHeader: out.wantsGlobalHeader, color: color,
            hdrMetadata: hdrMetadata), file: path)
        filter = CropFilter(coded: PixelSize(width: Int(par.width), height: Int(par.height)), sar: description.sampleAspectRatio,
                            orientation: description.orientation, window: settings.window, output: settings.output,
                            pixelFormat: encoder.pixelFormat, sourceColor: sourceColor, outputColor: color, toneMap: toneMap)
        if spanStart > first { try seek(to: spanStart, path: path) }
        try addStreams()
        try out.writeHeader()
    }

    /// When the first audio stream to start starts (priming excluded), in `timeBase`; Int64.max without audio.
    private static func earliestAudioStart(_ input: MediaFile, in timeBase: AVRational) -> Int64 {
        (0..<input.streamCount).map(input.stream).filter {
            $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO && $0.pointee.start_time != rk_AV_NOPTS_VALUE()
        }.map { av_rescale_q_rnd($0.pointee.start_time, $0.pointee.time_base, timeBase, AV_ROUND_DOWN) }.min() ?? .max
    }

    /// The stream's base rate (the lowest rate its timestamps fit) when plausible, else its average rounded.
    private static func nominalRate(_ stream: UnsafeMutablePointer<AVStream>) -> AVRational {
        let base = stream.pointee.r_frame_rate, average = stream.pointee.avg_frame_rate
        if base.num > 0 && base.den > 0 && av_q2d(base) <= 60 { return base }
        let rounded = average.num > 0 && average.den > 0 ? max(1, Int32(av_q2d(average).rounded())) : 30
        return AVRational(num: rounded, den: 1)
    }

    /// Starts reading at the keyframe before `timestamp` (a trim's start).
    private func seek(to timestamp: Int64, path: String) throws(MediaError) {
        do { try input.seek(stream: videoIndex, to: timestamp) } catch { throw error.mediaError(file: path) }
    }

    private func addStreams() throws(MediaError) {
        let video = out.addStream()
        guard avcodec_parameters_from_context(video.pointee.codecpar, encoder.context) >= 0 else { fatalError("out of memory") }
        video.pointee.time_base = encoder.context.pointee.time_base
        if codec == .hevc10 { video.pointee.codecpar.pointee.codec_tag = fourCC("hvc1") }
        hdrMetadata?.attach(to: video)
        streamMap[videoIndex] = video
        for i in 0..<input.streamCount where i != videoIndex {
            let source = input.stream(i)
            guard source.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO else {
                source.pointee.discard = AVDISCARD_ALL
                continue
            }
            if AudioTranscoder.isNeeded(for: source, in: out) {
                transcoders[i] = try transcoder(for: source)
                continue
            }
            let audio = out.addStream()
            guard avcodec_parameters_copy(audio.pointee.codecpar, source.pointee.codecpar) >= 0 else { fatalError("out of memory") }
            audio.pointee.codecpar.pointee.codec_tag = 0
            audio.pointee.time_base = source.pointee.time_base
            streamMap[i] = audio
        }
    }

    /// Re-encodes an audio stream to AAC over the same span as the copied audio would cover.
    private func transcoder(for source: UnsafeMutablePointer<AVStream>) throws(MediaError) -> AudioTranscoder {
        let videoBase = input.stream(videoIndex).pointee.time_base
        let end = keepTicks.map { av_q2d(videoBase) * Double(spanStart + $0 - origin) }
        return try AudioTranscoder(source: source, file: input.path, shift: av_rescale_q(origin, videoBase, source.pointee.time_base),
                                   from: 0, to: end, out: out)
    }

    func run(frameCount: Int?, progress: ((CropProgress) -> Void)?, isCancelled: () -> Bool) throws(MediaError) -> (codec: VideoCodec, frames: Int, audioStreams: Int, audioTranscoded: Bool) {
        let started = Date()
        let packet = Packet(), frame = Frame()
        var frames = 0
        var pastEnd = false
        func drainDecoder() throws(MediaError) {
            while true {
                let output: Decoder.Output
                do { output = try decoder.receive(into: frame) } catch { throw error.mediaError(file: input.path) }
                guard output == .frame else { return }
                if isCancelled() { throw MediaError(.cancelled, file: outputPath, "cancelled: nothing written") }
                let t = frame.timestamp - spanStart
                if t < 0 { continue }
                if let keepTicks, t >= keepTicks { pastEnd = true; continue }
                try accept(frame)
                frames += 1
                progress?(CropProgress(framesDone: frames, framesTotal: frameCount, elapsed: Date().timeIntervalSince(started)))
            }
        }
        try reportingMediaErrors(file: input.path) {
            while !pastEnd, try input.read(into: packet) {
                if packet.streamIndex == videoIndex {
                    try decoder.send(packet)
                    try drainDecoder()
                } else if let stream = streamMap[packet.streamIndex] {
                    try copy(packet, from: input.stream(packet.streamIndex), to: stream)
                } else if let transcoder = transcoders[packet.streamIndex] {
                    try transcoder.send(packet)
                }
            }
            try decoder.send(nil)
            try drainDecoder()
        }
        try flushPending()
        try encoder.encode(nil, writeVideo, file: outputPath)
        for transcoder in transcoders.values { try transcoder.finish() }
        try out.finish()
        return (codec, frames, streamMap.count - 1 + transcoders.count, !transcoders.isEmpty)
    }

    /// Takes a decoded frame (in presentation order) and encodes the one before it, now that its end is known.
    private func accept(_ decoded: Frame) throws(MediaError) {
        let pts = decoded.timestamp - spanStart
        if let previous = pending {
            lastShown = pts - previous.pts
            try encode(previous.frame, from: previous.pts, to: pts)
        }
        pending = (decoded.reference(), pts)
    }

    /// Encodes the last frame, shown as long as the one before it (or its own duration when alone).
    private func flushPending() throws(MediaError) {
        guard let last = pending else { return }
        let shown = lastShown > 0 ? lastShown : max(1, rk_frame_duration(last.frame.pointer))
        try encode(last.frame, from: last.pts, to: last.pts + shown)
        pending = nil
    }

    /// Encodes a frame on screen from `start` to `end` (video time base, from `spanStart`), within any trim.
    private func encode(_ decoded: Frame, from start: Int64, to end: Int64) throws(MediaError) {
        let end = keepTicks.map { min(end, $0) } ?? end
        let ready = filter.apply(decoded)
        guard let rate = constantRate else {
            ready.pointer.pointee.pts = start
            durations[start] = end - start
            try encoder.encode(ready, writeVideo, file: outputPath)
            return
        }
        // Every output slot whose time falls before the next frame shows this one.
        let slotsEnd = av_rescale_q_rnd(end, input.stream(videoIndex).pointee.time_base, av_inv_q(rate), AV_ROUND_UP)
        while nextSlot < slotsEnd {
            ready.pointer.pointee.pts = nextSlot
            durations[nextSlot] = 1
            try encoder.encode(ready, writeVideo, file: outputPath)
            nextSlot += 1
        }
    }

    private func writeVideo(_ packet: Packet) throws(MediaError) {
        let stream = streamMap[videoIndex]!
        if let duration = durations.removeValue(forKey: packet.pts), packet.duration <= 0 {
            packet.pointer.pointee.duration = duration
        }
        av_packet_rescale_ts(packet.pointer, encoder.context.pointee.time_base, stream.pointee.time_base)
        // Video starts `spanStart - origin` into the output when audio starts before it.
        let delay = av_rescale_q(spanStart - origin, input.stream(videoIndex).pointee.time_base, stream.pointee.time_base)
        if packet.pts != rk_AV_NOPTS_VALUE() { packet.pointer.pointee.pts += delay }
        if packet.dts != rk_AV_NOPTS_VALUE() { packet.pointer.pointee.dts += delay }
        packet.pointer.pointee.stream_index = stream.pointee.index
        try out.write(packet)
    }

    /// Copies an audio packet, shifted by the same offset as the video. Packets before 0 (AAC priming,
    /// audio before the first frame) stay, with negative timestamps the muxer turns into an edit list.
    private func copy(_ packet: Packet, from source: UnsafeMutablePointer<AVStream>, to target: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        let videoBase = input.stream(videoIndex).pointee.time_base
        let shift = av_rescale_q(origin, videoBase, source.pointee.time_base)
        let p = packet.pointer
        if p.pointee.pts != rk_AV_NOPTS_VALUE() {
            // Before a trim's start (or running past its end): dropped, so no stream outlasts the span.
            let t = p.pointee.pts - shift
            let end = keepTicks.map { av_rescale_q(spanStart + $0 - origin, videoBase, source.pointee.time_base) }
            if (t < 0 && !startsWithClip) || end.map({ t + p.pointee.duration > $0 }) == true { return }
        }
        if p.pointee.pts != rk_AV_NOPTS_VALUE() { p.pointee.pts -= shift }
        if p.pointee.dts != rk_AV_NOPTS_VALUE() { p.pointee.dts -= shift }
        av_packet_rescale_ts(p, source.pointee.time_base, target.pointee.time_base)
        p.pointee.stream_index = target.pointee.index
        p.pointee.pos = -1
        try out.write(packet)
    }
}

private func fourCC(_ code: String) -> UInt32 {
    code.utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
}
