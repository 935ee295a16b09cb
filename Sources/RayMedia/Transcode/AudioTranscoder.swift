internal import CFFmpeg

/// Decodes one audio stream and re-encodes it as AAC (libavcodec's native encoder), for audio an MP4
/// cannot carry as is (PCM, FLAC, …). Keeps a window of output time, to the sample.
final class AudioTranscoder {
    /// Codecs an MP4 carries as they are (stream copy): everything else is re-encoded.
    private static let carriedByMP4: Set<UInt32> = [AV_CODEC_ID_AAC, AV_CODEC_ID_MP3, AV_CODEC_ID_MP2, AV_CODEC_ID_AC3,
                                                     AV_CODEC_ID_EAC3, AV_CODEC_ID_OPUS, AV_CODEC_ID_ALAC].map(\.rawValue).reduce(into: []) { $0.insert($1) }

    /// Whether `stream` must be re-encoded to go into the MP4 `out`.
    static func isNeeded(for stream: UnsafeMutablePointer<AVStream>, in out: OutputFile) -> Bool {
        let id = stream.pointee.codecpar.pointee.codec_id
        return !carriedByMP4.contains(id.rawValue) || avformat_query_codec(out.context.pointee.oformat, id, FF_COMPLIANCE_NORMAL) != 1
    }

    let source: UnsafeMutablePointer<AVStream>
    private let file: String
    private let decoder: Decoder
    private let encoder: AudioEncoder
    private var resampler: Resampler?
    private let fifo: AudioFifo
    /// Output time = source timestamp − `shift` (source time base).
    private let shift: Int64
    /// The output time kept, in samples at the encoder's rate: from `from`, up to `to` (excluded).
    private let from: Int64
    private let to: Int64?
    /// Output time of the next converted sample, and of the first sample in the FIFO.
    private var cursor: Int64?
    private var fifoStart: Int64 = 0
    /// Output time of the first sample encoded.
    private var firstEncoded: Int64?
    private let out: OutputFile
    private(set) var target: UnsafeMutablePointer<AVStream>!
    private let decoded = Frame()

    /// Sets up decoding of `source` (in `file`) and an AAC stream in `out`, keeping output time
    /// `from`…`to` seconds, where output time is the source's timestamp minus `shift` (source time base).
    init(source: UnsafeMutablePointer<AVStream>, file: String, shift: Int64, from: Double = 0, to: Double? = nil,
         out: OutputFile) throws(MediaError) {
        self.source = source
        self.file = file
        self.shift = shift
        self.out = out
        decoder = try Decoder(stream: source, file: file)
        let par = source.pointee.codecpar.pointee
        encoder = try AudioEncoder(channels: par.ch_layout.nb_channels, sampleRate: par.sample_rate,
                                   globalHeader: out.wantsGlobalHeader, file: out.path)
        let rate = Double(encoder.context.pointee.sample_rate)
        self.from = Int64((from * rate).rounded())
        self.to = to.map { Int64(($0 * rate).rounded()) }
        fifo = AudioFifo(format: encoder.context.pointee.sample_fmt, channels: encoder.context.pointee.ch_layout.nb_channels)
        target = out.addStream()
        guard avcodec_parameters_from_context(target.pointee.codecpar, encoder.context) >= 0 else { fatalError("out of memory") }
        target.pointee.time_base = encoder.context.pointee.time_base
    }

    /// Seconds of audio encoded so far.
    var encodedSeconds: Double {
        Double(fifoStart - (firstEncoded ?? fifoStart)) / Double(encoder.context.pointee.sample_rate)
    }

    /// Decodes a packet of the source stream and encodes whatever fills whole AAC frames.
    func send(_ packet: Packet) throws(MediaError) {
        do { try decoder.send(packet) } catch { throw error.mediaError(file: file) }
        try drainDecoder()
    }

    /// Encodes everything still held (the last frame may be short) and flushes the encoder.
    func finish() throws(MediaError) {
        do { try decoder.send(nil) } catch { throw error.mediaError(file: file) }
        try drainDecoder()
        if let resampler {
            let tail = outputFrame()
            try resampler.convert(nil, into: tail, file: file)
            try keep(tail)
        }
        try encodeFrames(final: true)
        try encoder.encode(nil, write, file: out.path)
    }

    private func drainDecoder() throws(MediaError) {
        while true {
            let output: Decoder.Output
            do { output = try decoder.receive(into: decoded) } catch { throw error.mediaError(file: file) }
            guard output == .frame else { return }
            if resampler == nil { resampler = try Resampler(from: decoded, to: encoder.context, file: file) }
            if cursor == nil {
                cursor = av_rescale_q(decoded.timestamp - shift, source.pointee.time_base, encoder.context.pointee.time_base)
            }
            let converted = outputFrame()
            try resampler!.convert(decoded, into: converted, file: file)
            try keep(converted)
        }
    }

    /// An empty frame in the encoder's format, layout and rate.
    private func outputFrame(samples: Int = 0) -> Frame {
        let frame = Frame()
        let c = encoder.context.pointee
        frame.pointer.pointee.format = c.sample_fmt.rawValue
        frame.pointer.pointee.sample_rate = c.sample_rate
        withUnsafePointer(to: encoder.context.pointee.ch_layout) { _ = av_channel_layout_copy(&frame.pointer.pointee.ch_layout, $0) }
        if samples > 0 {
            frame.pointer.pointee.nb_samples = Int32(samples)
            guard av_frame_get_buffer(frame.pointer, 0) >= 0 else { fatalError("av_frame_get_buffer: out of memory") }
        }
        return frame
    }

    /// Queues the converted samples that fall in the window kept.
    private func keep(_ converted: Frame) throws(MediaError) {
        let count = Int64(converted.pointer.pointee.nb_samples)
        guard count > 0, let start = cursor else { return }
        cursor = start + count
        let end = to.map { min(start + count, $0) } ?? start + count
        guard end > max(start, from) else { return }
        if fifo.count == 0 { fifoStart = max(start, from) }
        fifo.append(converted, count: Int(end - start))
        if start < from { fifo.drop(Int(from - start)) }
        try encodeFrames(final: false)
    }

    /// Encodes whole frames from the FIFO (and the short rest when `final`).
    private func encodeFrames(final: Bool) throws(MediaError) {
        let size = encoder.frameSize
        while fifo.count >= size || (final && fifo.count > 0) {
            let frame = outputFrame(samples: min(size, fifo.count))
            fifo.take(Int(frame.pointer.pointee.nb_samples), into: frame)
            frame.pointer.pointee.pts = fifoStart
            if firstEncoded == nil { firstEncoded = fifoStart }
            fifoStart += Int64(frame.pointer.pointee.nb_samples)
            try encoder.encode(frame, write, file: out.path)
        }
    }

    private func write(_ packet: Packet) throws(MediaError) {
        av_packet_rescale_ts(packet.pointer, encoder.context.pointee.time_base, target.pointee.time_base)
        packet.pointer.pointee.stream_index = target.pointee.index
        try out.write(packet)
    }
}
