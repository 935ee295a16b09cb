internal import CFFmpeg
import Foundation

/// Owns an opened input (`AVFormatContext`): its streams, packet reads and seeks.
final class MediaFile {
    /// Where the bytes come from: reopening the same source reads them again from the start.
    let source: MediaSource
    let path: String
    let context: UnsafeMutablePointer<AVFormatContext>
    /// The clip's bytes, opened once and shared with every other demuxer of the same clip; kept as long as `context`.
    let input: InputBytes
    /// The clip's read counts, which this demuxer adds to.
    let counters: ReadCounters
    /// This demuxer's number on `input`.
    private let reader: Int

    /// Opens `path` and reads its stream parameters.
    ///
    /// - Parameter fullStreamInfo: decode the first frames to fill in every stream parameter (pixel
    ///   format, frame rates: what a probe reports). When false, that is done only if the header
    ///   leaves a video stream's codec or size unknown (MPEG-TS, say): decoding needs no more.
    /// - Throws: `MediaError` naming the file: missing, empty, or not readable as media.
    convenience init(path: String, fullStreamInfo: Bool = true) throws(MediaError) {
        try self.init(.file(path), fullStreamInfo: fullStreamInfo)
    }

    /// Starts a demuxer on a file, or bytes in memory, and reads its stream parameters.
    ///
    /// - Parameters:
    ///   - input: the clip's bytes when already open (a demuxer that starts over reads them from the start
    ///     again); nil opens them.
    ///   - counters: where the reading is counted (a clip's); nil counts it on its own.
    ///   - fullStreamInfo: see `init(path:fullStreamInfo:)`.
    /// - Throws: `MediaError` naming the file (or the bytes' name): missing, empty, or not readable as media.
    init(_ source: MediaSource, input: InputBytes? = nil, counters: ReadCounters? = nil,
         fullStreamInfo: Bool = true) throws(MediaError) {
        self.source = source
        let path = source.name
        self.path = path
        FFmpegLog.install()
        let bytes: InputBytes
        let counters = counters ?? ReadCounters(file: path)
        if let input { bytes = input } else { bytes = try InputBytes(source, counters: counters) }
        (self.input, self.counters, reader) = (bytes, counters, bytes.newReader())

        guard var context = avformat_alloc_context() else { fatalError("avformat_alloc_context: out of memory") }
        let raw = UnsafeRawPointer(context)
        FFmpegLog.track(raw)
        // A context given its own I/O before opening is marked AVFMT_FLAG_CUSTOM_IO: closing it leaves the I/O to us.
        context.pointee.pb = bytes.context
        bytes.claim(for: reader)
        var optional: UnsafeMutablePointer<AVFormatContext>? = context
        let url: String? = if case .file = source { path } else { nil }
        let opened = avformat_open_input(&optional, url, nil, nil)
        guard opened >= 0, let openedContext = optional else {
            // avformat_open_input frees the context on failure.
            let failure = AVFailure(code: opened, call: "open", logLine: FFmpegLog.lastError(for: raw))
            FFmpegLog.forget(raw)
            if let header = Self.y4mHeader(source), !header.isDecodable {
                throw MediaError(.unsupported, file: path, "frame size \(header.width)x\(header.height) is too large to decode")
            }
            throw MediaError(.notMedia, file: path, "not a readable media file: \(failure.detail)")
        }
        context = openedContext
        self.context = context
        counters.add(demuxerStarts: 1)
        try refuseImpossibleFrameCounts()
        do {
            if fullStreamInfo || !headerDescribesVideo {
                try readStreamInfo()
            }
        } catch {
            throw MediaError(.notMedia, file: path, "not a readable media file: \(error.detail)")
        }
    }

    /// The YUV4MPEG2 header the source starts with, if any.
    private static func y4mHeader(_ source: MediaSource) -> Y4MHeader? {
        switch source {
        case .file(let path): Y4MHeader(path: path)
        case .memory(_, let bytes): Y4MHeader(bytes.prefix(256))
        }
    }

        /// Runs `avformat_find_stream_info`, whose decoders take `Decoder.maxPixels` as RayKit's own do.
    private func readStreamInfo() throws(AVFailure) {
        let maxPixels = Decoder.maxPixels.load(ordering: .relaxed)
        guard maxPixels > 0 else {
            try check(avformat_find_stream_info(context, nil), "reading stream info", context: UnsafeRawPointer(context))
            return
        }
        let count = Int(streamCount)
        let options = UnsafeMutablePointer<OpaquePointer?>.allocate(capacity: max(count, 1))
        options.initialize(repeating: nil, count: max(count, 1))
        defer {
            for i in 0..<count { av_dict_free(&options[i]) }
            options.deallocate()
        }
        for i in 0..<count { av_dict_set(&options[i], "max_pixels", "\(maxPixels)", 0) }
        try check(avformat_find_stream_info(context, options), "reading stream info", context: UnsafeRawPointer(context))
    }

    /// Refuses a header that declares more frames in a stream than the file could hold (every stored
    /// frame takes at least half a byte, even in MP4's most compact size table): such a header is
    /// corrupt, and walking or copying its index would cost gigabytes and seconds for nothing.
    private func refuseImpossibleFrameCounts() throws(MediaError) {
        let size = fileSize
        guard size > 0 else { return }
        for i in 0..<streamCount {
            let st = stream(i)
            let declared = max(st.pointee.nb_frames, Int64(avformat_index_get_entries_count(st)))
            if declared > 2 * size {
                throw MediaError(.truncated, file: path, "corrupt header: stream \(i) declares \(declared) frames in a file of \(size) bytes")
            }
        }
    }

    /// A new demuxer on the same bytes, reading from their start (the file is not opened again).
    func reopen(fullStreamInfo: Bool = false) throws(MediaError) -> MediaFile {
        try MediaFile(source, input: input, counters: counters, fullStreamInfo: fullStreamInfo)
    }

    deinit {
        input.release(reader)
        FFmpegLog.forget(UnsafeRawPointer(context))
        var optional: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&optional)
    }

    var streamCount: Int32 { Int32(context.pointee.nb_streams) }

    /// Whether the header alone names a video stream's codec and size.
    private var headerDescribesVideo: Bool {
        (0..<streamCount).contains { i in
            let par = stream(i).pointee.codecpar.pointee
            return par.codec_type == AVMEDIA_TYPE_VIDEO && par.codec_id != AV_CODEC_ID_NONE && par.width > 0 && par.height > 0
        }
    }

    func stream(_ index: Int32) -> UnsafeMutablePointer<AVStream> {
        context.pointee.streams[Int(index)]!
    }

    /// Whether stream `index` is a moving picture: a video stream that is not a cover picture
    /// (`attached_pic`: one still stored beside the media, as MP4/M4A/MP3 cover art is).
    func isMovingVideo(_ index: Int32) -> Bool {
        let st = stream(index).pointee
        return st.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO && st.disposition & AV_DISPOSITION_ATTACHED_PIC == 0
    }

    /// The video streams a player can show (cover pictures left out), in file order.
    var videoStreamIndexes: [Int32] { (0..<streamCount).filter(isMovingVideo) }

    /// The video stream to read: `requested` when given, else the main one — libavformat's pick
    /// unless that is a cover picture, then the first stream marked default, then the first.
    ///
    /// - Throws: `MediaError` `.noVideoStream` when the file has no moving picture (a cover picture
    ///   alone is none), `.notVideoStream` when `requested` is missing or not a video stream.
    func videoStreamIndex(requested: Int? = nil) throws(MediaError) -> Int32 {
        let candidates = videoStreamIndexes
        if let requested {
            guard let index = Int32(exactly: requested), candidates.contains(index) else {
                throw MediaError(.notVideoStream, file: path, "stream \(requested) is \(describe(stream: requested)), not a video stream"
                    + (candidates.isEmpty ? " (the file has none)" : " (video streams: \(candidates.map(String.init).joined(separator: ", ")))"))
            }
            return index
        }
        guard !candidates.isEmpty else {
            let cover = (0..<streamCount).contains { stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_VIDEO }
            throw MediaError(.noVideoStream, file: path, "no video stream (nothing to probe or extract frames from)"
                + (cover ? ": its only picture is a cover image" : ""))
        }
        let best = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        if candidates.contains(best) { return best }
        return candidates.first { stream($0).pointee.disposition & AV_DISPOSITION_DEFAULT != 0 } ?? candidates[0]
    }

    /// What kind of stream `index` is, in words (`audio`, `a cover picture`, `missing`).
    private func describe(stream index: Int) -> String {
        guard index >= 0 && index < Int(streamCount) else { return "missing (the file has \(streamCount) streams)" }
        let par = stream(Int32(index)).pointee.codecpar.pointee
        if par.codec_type == AVMEDIA_TYPE_VIDEO { return "a cover picture" }
        return av_get_media_type_string(par.codec_type).map { String(cString: $0) } ?? "of unknown type"
    }

    /// Makes the demuxer skip every stream but `index`, so scans and seeks read only its packets.
    func keepOnly(stream index: Int32) {
        keepOnly(streams: [index])
    }

    /// Makes the demuxer skip every stream but `indexes`.
    func keepOnly(streams indexes: Set<Int32>) {
        for i in 0..<streamCount {
            stream(i).pointee.discard = indexes.contains(i) ? AVDISCARD_DEFAULT : AVDISCARD_ALL
        }
    }

    /// The audio streams, in file order.
    var audioStreamIndexes: [Int32] {
        (0..<streamCount).filter { stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }
    }

    /// Reads the next packet into `packet`; false at the end of the file.
    ///
    /// - Throws: `AVFailure` on a read error (a cut-off file, corrupt data).
    func read(into packet: Packet) throws(AVFailure) -> Bool {
        packet.unref()
        input.claim(for: reader)
        let code = av_read_frame(context, packet.pointer)
        if code == rk_AVERROR_EOF() { return false }
        try check(code, "reading packets", context: UnsafeRawPointer(context))
        counters.add(packets: 1)
        return true
    }

    /// Seeks `stream` to the last keyframe at or before `timestamp` (in the stream's time base).
    func seek(stream index: Int32, to timestamp: Int64) throws(AVFailure) {
        counters.add(seeks: 1)
        input.claim(for: reader)
        try check(avformat_seek_file(context, index, Int64.min, timestamp, timestamp, 0), "seeking", context: UnsafeRawPointer(context))
    }

    /// Whether the header indexes every sample (MP4/MOV), so index and file can be checked against each other.
    var headerIndexesEverySample: Bool {
        String(cString: context.pointee.iformat.pointee.name).hasPrefix("mov")
    }

    /// The picture codec (`png`) when an image demuxer read the file (`png_pipe`, `image2`…): a still
    /// picture, whatever its name says, not a video; nil for any other file.
    var stillImageCodec: String? {
        let demuxer = String(cString: context.pointee.iformat.pointee.name)
        guard demuxer == "image2" || demuxer == "image2pipe" || demuxer.hasSuffix("_pipe") else { return nil }
        return videoStreamIndexes.first.map { String(cString: avcodec_get_name(stream($0).pointee.codecpar.pointee.codec_id)) }
    }

    /// Bytes in the file, from the I/O layer.
    var fileSize: Int64 { context.pointee.pb.map { avio_size($0) } ?? -1 }
}
