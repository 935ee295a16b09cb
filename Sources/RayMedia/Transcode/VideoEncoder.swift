internal import CFFmpeg

/// Owns a video encoder (`AVCodecContext`): libx264 8-bit or libx265 10-bit.
final class VideoEncoder {
    let context: UnsafeMutablePointer<AVCodecContext>
    private let packet = Packet()

    /// What the encoder is set up with.
    struct Settings {
        var codec: VideoCodec
        var width: Int
        var height: Int
        /// The input stream's time base: frames keep their timestamps.
        var timeBase: AVRational
        /// Nominal frame rate (the input's `r_frame_rate`), a hint for rate control.
        var frameRate: AVRational
        var crf: Int?
        var preset: String?
        /// Encoder threads; 0 lets the encoder pick (as the ffmpeg tool does).
        var threads: Int
        /// Video bitrate ceiling in bits per second (VBV), nil for none.
        var maxBitRate: Int?
        var globalHeader: Bool
        /// Colour description written into the bitstream and the container (primaries, transfer, matrix, range).
        var color: PictureColor
        /// HDR10 mastering display and light levels for libx265's SEI, nil for none.
        var hdrMetadata: HDRMetadata?
        /// For interlaced pictures kept interlaced (H.264 only): the field order; nil for progressive.
        var fieldOrder: AVFieldOrder? = nil
    }

    /// The pixel format the encoder takes.
    let pixelFormat: AVPixelFormat

    init(_ settings: Settings, file: String) throws(MediaError) {
        guard let codec = avcodec_find_encoder_by_name(settings.codec.encoderName) else {
            throw MediaError(.unsupported, file: file, "this FFmpeg has no \(settings.codec.encoderName) encoder")
        }
        guard let context = avcodec_alloc_context3(codec) else { fatalError("avcodec_alloc_context3: out of memory") }
        self.context = context
        pixelFormat = settings.codec == .hevc10 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P
        FFmpegLog.track(UnsafeRawPointer(context))
        let c = context
        c.pointee.width = Int32(settings.width)
        c.pointee.height = Int32(settings.height)
        c.pointee.pix_fmt = pixelFormat
        c.pointee.time_base = settings.timeBase
        c.pointee.framerate = settings.frameRate
        c.pointee.sample_aspect_ratio = AVRational(num: 1, den: 1)
        c.pointee.thread_count = Int32(settings.threads)
        (c.pointee.color_primaries, c.pointee.color_trc, c.pointee.colorspace, c.pointee.color_range) =
            (settings.color.primaries, settings.color.transfer, settings.color.matrix, settings.color.range)
        if settings.globalHeader { c.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        if let fieldOrder = settings.fieldOrder {
            // Field-aware coding (x264 MBAFF); the frames say which field comes first.
            c.pointee.flags |= AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME
            c.pointee.field_order = fieldOrder
        }
        if let maxBitRate = settings.maxBitRate {
            c.pointee.rc_max_rate = Int64(maxBitRate)
            c.pointee.rc_buffer_size = Int32(clamping: maxBitRate * 2)
        }
        var options: OpaquePointer?
        if let crf = settings.crf { av_dict_set(&options, "crf", "\(crf)", 0) }
        if let preset = settings.preset { av_dict_set(&options, "preset", preset, 0) }
        if settings.codec == .hevc10 {
            // x265 prints to stderr itself rather than through av_log: keep it to errors unless asked.
            let params = (FFmpegLog.isVerbose ? [] : ["log-level=error"]) + (settings.hdrMetadata?.x265Parameters ?? [])
            if !params.isEmpty { av_dict_set(&options, "x265-params", params.joined(separator: ":"), 0) }
        }
        defer { av_dict_free(&options) }
        do {
            try check(avcodec_open2(c, codec, &options), "opening the \(settings.codec.encoderName) encoder", context: UnsafeRawPointer(c))
        } catch {
            throw error.mediaError(file: file)
        }
        if let unused = av_dict_get(options, "", nil, AV_DICT_IGNORE_SUFFIX) {
            throw MediaError(.invalidRequest, file: file, "\(settings.codec.encoderName) does not take \(String(cString: unused.pointee.key)) \(String(cString: unused.pointee.value))")
        }
    }

    deinit {
        FFmpegLog.forget(UnsafeRawPointer(context))
        var optional: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&optional)
    }

    /// Sends a frame (nil to flush) and hands every packet that comes out to `write`.
    func encode(_ frame: Frame?, _ write: (Packet) throws(MediaError) -> Void, file: String) throws(MediaError) {
        try reportingMediaErrors(file: file) {
            try check(avcodec_send_frame(context, frame?.pointer), "encoding", context: UnsafeRawPointer(context))
            while true {
                packet.unref()
                let code = avcodec_receive_packet(context, packet.pointer)
                if code == rk_AVERROR_EAGAIN() || code == rk_AVERROR_EOF() { return }
                try check(code, "encoding", context: UnsafeRawPointer(context))
                try write(packet)
            }
        }
    }
}

/// The encoders `raykit crop` writes with.
public enum VideoCodec: String, Sendable, Codable, CaseIterable {
    /// H.264, 8-bit 4:2:0, libx264.
    case h264
    /// HEVC, 10-bit 4:2:0, libx265 (keeps HLG/PQ).
    case hevc10 = "hevc"

    var encoderName: String { self == .h264 ? "libx264" : "libx265" }
}
