internal import CFFmpeg

/// Owns an output container being written (`AVFormatContext` with its file open).
final class OutputFile {
    let path: String
    let context: UnsafeMutablePointer<AVFormatContext>
    private var headerWritten = false
    private var closed = false

    /// Creates `path` as an MP4 (or the format its extension names).
    init(path: String, format: String = "mp4") throws(MediaError) {
        self.path = path
        var optional: UnsafeMutablePointer<AVFormatContext>?
        let code = avformat_alloc_output_context2(&optional, nil, format, path)
        guard code >= 0, let context = optional else {
            throw AVFailure(code: code, call: "creating the output", logLine: nil).mediaError(file: path)
        }
        self.context = context
        FFmpegLog.track(UnsafeRawPointer(context))
        do {
            try check(avio_open(&context.pointee.pb, path, AVIO_FLAG_WRITE), "opening for writing")
        } catch {
            throw error.mediaError(file: path)
        }
    }

    deinit {
        if !closed { avio_closep(&context.pointee.pb) }
        FFmpegLog.forget(UnsafeRawPointer(context))
        avformat_free_context(context)
    }

    /// Whether the container wants codec headers out of band (MP4: yes).
    var wantsGlobalHeader: Bool { context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER != 0 }

    /// Adds a stream; its parameters are filled by the caller before `writeHeader`.
    func addStream() -> UnsafeMutablePointer<AVStream> {
        guard let stream = avformat_new_stream(context, nil) else { fatalError("avformat_new_stream: out of memory") }
        return stream
    }

    /// Writes the header; `options` are the muxer's (`["movflags": "+faststart"]`).
    func writeHeader(options: [String: String] = [:]) throws(MediaError) {
        var dictionary: OpaquePointer?
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        defer { av_dict_free(&dictionary) }
        do {
            try check(avformat_write_header(context, &dictionary), "writing the header", context: UnsafeRawPointer(context))
        } catch {
            throw error.mediaError(file: path)
        }
        headerWritten = true
    }

    /// Writes one packet (timestamps already in the output stream's time base), interleaving by time.
    func write(_ packet: Packet) throws(MediaError) {
        do {
            try check(av_interleaved_write_frame(context, packet.pointer), "writing packets", context: UnsafeRawPointer(context))
        } catch {
            throw error.mediaError(file: path)
        }
    }

    /// Writes the trailer and closes the file.
    func finish() throws(MediaError) {
        do {
            if headerWritten { try check(av_write_trailer(context), "finishing the file", context: UnsafeRawPointer(context)) }
        } catch {
            throw error.mediaError(file: path)
        }
        avio_closep(&context.pointee.pb)
        closed = true
    }
}
