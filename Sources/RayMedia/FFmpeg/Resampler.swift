internal import CFFmpeg

/// Owns a libswresample context converting decoded audio to an encoder's sample format, layout and rate.
final class Resampler {
    private var context: OpaquePointer?

    /// Converts from `input`'s format to the encoder's.
    ///
    /// - Throws: `MediaError` naming `file` when libswresample cannot convert between the two.
    init(from input: Frame, to encoder: UnsafeMutablePointer<AVCodecContext>, file: String) throws(MediaError) {
        var inLayout = input.channelLayout
        defer { av_channel_layout_uninit(&inLayout) }
        let code = swr_alloc_set_opts2(&context, &encoder.pointee.ch_layout, encoder.pointee.sample_fmt, encoder.pointee.sample_rate,
                                       &inLayout, AVSampleFormat(rawValue: input.pointer.pointee.format), input.pointer.pointee.sample_rate,
                                       0, nil)
        do {
            try check(code, "setting up audio conversion")
            try check(swr_init(context), "setting up audio conversion")
        } catch {
            throw error.mediaError(file: file)
        }
    }

    deinit { swr_free(&context) }

    /// Converts `input` (nil: the samples still held back by resampling) into `output`, whose format,
    /// layout and rate are already set; libswresample allocates its buffers.
    func convert(_ input: Frame?, into output: Frame, file: String) throws(MediaError) {
        do {
            try check(swr_convert_frame(context, output.pointer, input?.pointer), "converting audio")
        } catch {
            throw error.mediaError(file: file)
        }
    }
}

extension Frame {
    /// The frame's channel layout (the default one for its channel count when it names no order).
    var channelLayout: AVChannelLayout {
        var layout = AVChannelLayout()
        let own = pointer.pointee.ch_layout
        if own.order == AV_CHANNEL_ORDER_UNSPEC || own.nb_channels == 0 {
            av_channel_layout_default(&layout, max(1, own.nb_channels))
        } else {
            withUnsafePointer(to: pointer.pointee.ch_layout) { _ = av_channel_layout_copy(&layout, $0) }
        }
        return layout
    }
}
