internal import CFFmpeg

/// Owns a libswresample context converting decoded audio to an encoder's sample format, layout and rate.
final class Resampler {
    private var context: OpaquePointer?

    /// Converts from `input`'s format to the encoder's.
    ///
    /// - Throws: `MediaError` naming `file` when libswresample cannot convert between the two.
    init(from input: Frame, to encoder: UnsafeMutablePointer<AVCodecContext>, file: String) throws(MediaError) {
        input.nameChannelLayout()
        let code = swr_alloc_set_opts2(&context, &encoder.pointee.ch_layout, encoder.pointee.sample_fmt, encoder.pointee.sample_rate,
                                       &input.pointer.pointee.ch_layout, AVSampleFormat(rawValue: input.pointer.pointee.format),
                                       input.pointer.pointee.sample_rate, 0, nil)
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
        // The frame must name the layout the context was set up with, or libswresample says "Input changed".
        input?.nameChannelLayout()
        do {
            try check(swr_convert_frame(context, output.pointer, input?.pointer), "converting audio")
        } catch {
            throw error.mediaError(file: file)
        }
    }
}

extension Frame {
    /// Gives a frame whose channel layout names no order (PCM in AVI or Matroska) the default layout for its
    /// channel count, so the resampler's setup and every frame it converts agree.
    func nameChannelLayout() {
        let own = pointer.pointee.ch_layout
        guard own.order == AV_CHANNEL_ORDER_UNSPEC || own.nb_channels == 0 else { return }
        av_channel_layout_uninit(&pointer.pointee.ch_layout)
        av_channel_layout_default(&pointer.pointee.ch_layout, max(1, own.nb_channels))
    }
}
