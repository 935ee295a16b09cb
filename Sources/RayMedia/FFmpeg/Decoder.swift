internal import CFFmpeg
import Synchronization

/// Owns a decoder (`AVCodecContext`) opened for one stream, video or audio.
final class Decoder {
    let context: UnsafeMutablePointer<AVCodecContext>

    /// What a call to `receive` produced.
    enum Output { case frame, needsInput, finished }

    /// Threads each decoder uses; 0 lets libavcodec choose (one per core). The fuzz targets set 1.
    static let threadCount = Atomic<Int32>(0)
    /// The largest picture (in pixels) a decoder takes; 0: libavcodec's own limit. The fuzz targets set one.
    static let maxPixels = Atomic<Int64>(0)

    /// Opens the stream's decoder with automatic threading (or `threadCount` threads).
    ///
    /// - Throws: `MediaError` when the codec is unknown or will not open.
    init(stream: UnsafeMutablePointer<AVStream>, file: String) throws(MediaError) {
        let parameters = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw MediaError(.unsupported, file: file, "no decoder for codec \(String(cString: avcodec_get_name(parameters.pointee.codec_id)))")
        }
        guard let context = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        self.context = context
        FFmpegLog.track(UnsafeRawPointer(context))
        do {
            try check(avcodec_parameters_to_context(context, parameters), "configuring the decoder")
            let (width, height) = (context.pointee.width, context.pointee.height)
            if width > 0 && height > 0 && av_image_check_size2(UInt32(width), UInt32(height), Int64.max, AV_PIX_FMT_NONE, 0, nil) < 0 {
                // A container may declare a size no decoder takes (an MP4's tkhd and sample entry at 65535x65535):
                // leave it out, and the bitstream's own headers give the real one, as the ffmpeg tool does.
                (context.pointee.width, context.pointee.height) = (0, 0)
                (context.pointee.coded_width, context.pointee.coded_height) = (0, 0)
            }
            context.pointee.pkt_timebase = stream.pointee.time_base
            context.pointee.thread_count = Decoder.threadCount.load(ordering: .relaxed)
            let maxPixels = Decoder.maxPixels.load(ordering: .relaxed)
            if maxPixels > 0 { context.pointee.max_pixels = maxPixels }
            try check(avcodec_open2(context, codec, nil), "opening the decoder", context: UnsafeRawPointer(context))
        } catch {
            throw error.mediaError(file: file)
        }
    }

    deinit {
        FFmpegLog.forget(UnsafeRawPointer(context))
        var optional: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&optional)
    }

    /// Sends one packet, or nil to drain the decoder at the end of the stream.
    func send(_ packet: Packet?) throws(AVFailure) {
        let code = avcodec_send_packet(context, packet?.pointer)
        if code == rk_AVERROR_EOF() { return }
        try check(code, "decoding", context: UnsafeRawPointer(context))
    }

    /// Takes the next decoded frame, if one is ready.
    func receive(into frame: Frame) throws(AVFailure) -> Output {
        let code = avcodec_receive_frame(context, frame.pointer)
        if code == rk_AVERROR_EAGAIN() { return .needsInput }
        if code == rk_AVERROR_EOF() { return .finished }
        try check(code, "decoding", context: UnsafeRawPointer(context))
        return .frame
    }

    /// Drops buffered frames and state, after a seek.
    func flush() { avcodec_flush_buffers(context) }

    /// Trades exact pixels for speed where only a rough picture is measured (shot detection on thumbnails):
    /// the in-loop deblocking filter is skipped and the codec's non-compliant speed-ups are allowed.
    func preferSpeed() {
        context.pointee.skip_loop_filter = AVDISCARD_ALL
        context.pointee.flags2 |= AV_CODEC_FLAG2_FAST
    }

    /// Which frames the decoder may skip (`AVDISCARD_NONREF` skips frames nothing refers to).
    var skipFrame: AVDiscard {
        get { context.pointee.skip_frame }
        set { context.pointee.skip_frame = newValue }
    }
}
