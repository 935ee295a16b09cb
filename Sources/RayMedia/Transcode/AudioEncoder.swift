internal import CFFmpeg

/// Owns an AAC encoder (`AVCodecContext`, libavcodec's native `aac`) for audio MP4 cannot carry as is.
final class AudioEncoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private let packet = Packet()

    /// Opens the encoder for `channels` channels at `sampleRate` Hz (or 48 kHz when AAC has no such rate).
    ///
    /// - Throws: `MediaError` naming `file` when the encoder is missing or will not open.
    init(channels: Int32, sampleRate: Int32, globalHeader: Bool, file: String) throws(MediaError) {
        guard let codec = avcodec_find_encoder_by_name("aac") else {
            throw MediaError(.unsupported, file: file, "this FFmpeg has no aac encoder")
        }
        guard let context = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        self.context = context
        FFmpegLog.track(UnsafeRawPointer(context))
        let channels = min(max(channels, 1), 8)
        context.pointee.sample_fmt = AV_SAMPLE_FMT_FLTP
        context.pointee.sample_rate = Self.supportedRate(sampleRate, of: codec)
        av_channel_layout_default(&context.pointee.ch_layout, channels)
        context.pointee.bit_rate = Int64(64_000 * min(channels, 6))
        context.pointee.time_base = AVRational(num: 1, den: context.pointee.sample_rate)
        if globalHeader { context.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        do {
            try check(avcodec_open2(context, codec, nil), "opening the aac encoder", context: UnsafeRawPointer(context))
        } catch {
            throw error.mediaError(file: file)
        }
    }

    deinit {
        FFmpegLog.forget(UnsafeRawPointer(context))
        var optional: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&optional)
    }

    /// Samples in each frame the encoder takes (the last may be shorter).
    var frameSize: Int { Int(context.pointee.frame_size) }

    /// `rate` when the encoder lists it, else 48 kHz.
    private static func supportedRate(_ rate: Int32, of codec: UnsafePointer<AVCodec>) -> Int32 {
        guard var p = codec.pointee.supported_samplerates else { return rate }
        while p.pointee != 0 {
            if p.pointee == rate { return rate }
            p += 1
        }
        return 48_000
    }

    /// Sends a frame (nil to flush) and hands every packet that comes out to `write`.
    func encode(_ frame: Frame?, _ write: (Packet) throws(MediaError) -> Void, file: String) throws(MediaError) {
        try reportingMediaErrors(file: file) {
            try check(avcodec_send_frame(context, frame?.pointer), "encoding audio", context: UnsafeRawPointer(context))
            while true {
                packet.unref()
                let code = avcodec_receive_packet(context, packet.pointer)
                if code == rk_AVERROR_EAGAIN() || code == rk_AVERROR_EOF() { return }
                try check(code, "encoding audio", context: UnsafeRawPointer(context))
                try write(packet)
            }
        }
    }
}
