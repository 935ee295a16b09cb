internal import CFFmpeg

/// Encodes RGB stills to PNG or JPEG with libavcodec's own encoders, one context per picture size.
final class ImageEncoder {
    let format: ImageFormat
    let width: Int
    let height: Int
    private let context: UnsafeMutablePointer<AVCodecContext>
    /// Full-range YUV input for the JPEG encoder, reused.
    private var yuv: Frame?
    private let packet = Packet()
    /// RGB → full-range YUV for JPEG.
    private let scaler = Scaler()

    /// - Parameter quality: JPEG quality 1…100 (higher is better; default 90). Ignored for PNG.
    init(format: ImageFormat, width: Int, height: Int, quality: Int?) throws(MediaError) {
        self.format = format
        self.width = width
        self.height = height
        let codecID = format == .png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG
        guard let codec = avcodec_find_encoder(codecID), let context = avcodec_alloc_context3(codec) else {
            throw MediaError(.unsupported, file: format.rawValue, "libavcodec has no \(format.rawValue) encoder")
        }
        self.context = context
        context.pointee.width = Int32(width)
        context.pointee.height = Int32(height)
        context.pointee.time_base = AVRational(num: 1, den: 25)
        var options: OpaquePointer?
        defer { av_dict_free(&options) }
        if format == .png {
            context.pointee.pix_fmt = AV_PIX_FMT_RGB24
            // The Up row filter at zlib level 2: on video frames about as small as libavcodec's default
            // (no filter, level 6) or smaller, and close to twice as fast to write (bench/results.md).
            context.pointee.compression_level = 2
            av_dict_set(&options, "pred", "up", 0)
        } else {
            context.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
            context.pointee.color_range = AVCOL_RANGE_JPEG
            context.pointee.flags |= AV_CODEC_FLAG_QSCALE
            // Quality 100 → qscale 2 (best), 1 → 31 (worst).
            let q = max(1, min(100, quality ?? 90))
            context.pointee.global_quality = Int32(FF_QP2LAMBDA) * Int32(2 + (100 - q) * 29 / 99)
        }
        do {
            try check(avcodec_open2(context, codec, &options), "opening the \(format.rawValue) encoder")
        } catch {
            throw error.mediaError(file: format.rawValue)
        }
    }

    deinit {
        var optional: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&optional)
    }

    /// The encoded file's bytes for an RGB picture.
    func encode(_ image: RGBImage) throws(MediaError) -> [UInt8] {
        let rgb = Frame(allocating: AV_PIX_FMT_RGB24, width: image.width, height: image.height)
        image.pixels.withUnsafeBytes { rgb.setPackedPixels($0, bytesPerPixel: 3) }
        return try encode(rgb: rgb)
    }

    /// The encoded file's bytes for an RGB24 frame of the encoder's size.
    func encode(rgb: Frame) throws(MediaError) -> [UInt8] {
        precondition(Int(rgb.width) == width && Int(rgb.height) == height && rgb.pixelFormat == AV_PIX_FMT_RGB24,
                     "encoder opened for another size")
        var input = rgb
        if format == .jpeg {
            input = Frame.reusing(&yuv, AV_PIX_FMT_YUVJ420P, width: width, height: height)
            scaler.convert(rgb, into: input, sourceIsVideo: false)
        }
        do {
            try check(avcodec_send_frame(context, input.pointer), "encoding \(format.rawValue)")
            var bytes: [UInt8] = []
            while true {
                packet.unref()
                let code = avcodec_receive_packet(context, packet.pointer)
                if code == rk_AVERROR_EAGAIN() || code == rk_AVERROR_EOF() { break }
                try check(code, "encoding \(format.rawValue)")
                bytes += UnsafeBufferPointer(start: packet.pointer.pointee.data, count: Int(packet.size))
            }
            return bytes
        } catch {
            throw error.mediaError(file: format.rawValue)
        }
    }
}
