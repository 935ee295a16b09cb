internal import CFFmpeg
import Foundation
import RayCanvas

/// One crop pass: frames from the clip's `FrameSource`, cropped and scaled by the `PicturePath`, encoded,
/// and muxed with the audio copied (or re-encoded to AAC) over the same span.
///
/// Frame times come from the frame index, so a crop or trim starts exactly at the frame asked for on
/// every stream shape the index handles (B-frames, open GOP, TS and Matroska seeks, raw streams).
final class CropTranscoder {
    /// The clip as opened for its stream parameters (full stream info); `source` reads its packets.
    let input: MediaFile
    let source: FrameSource
    let outputPath: String
    let settings: CropSettings
    let videoIndex: Int32
    let filter: PicturePath
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
    /// The frames kept: index positions from `first` up to (not including) `end`.
    let first: Int, end: Int
    /// The frame index's time base: every video time below is in it.
    let timeBase: AVRational
    /// Where the kept span starts: the first kept frame's presentation time.
    let spanStart: Int64
    /// The input time that becomes 0 in the output: `spanStart`, or earlier when the span starts with the
    /// clip and audio starts before the first frame (kept, as `ffmpeg -c:a copy` does).
    let origin: Int64
    /// Whether the span starts with the clip (no trim, or one from 0): then all the audio is kept.
    let startsWithClip: Bool
    /// Length kept after `spanStart`; nil: to the end.
    let keepTicks: Int64?
    /// With a constant output rate: the rate, and the next output slot to fill.
    let constantRate: AVRational?
    private var nextSlot: Int64 = 0
    /// Audio read before the first kept frame: written once video starts, dropped if decoding is placed again.
    private var earlyAudio: [Packet] = []
    private var videoStarted = false

    init(input clip: Clip, output: String, settings: CropSettings) throws(MediaError) {
        let path = clip.path
        input = try clip.demux(fullStreamInfo: true)
        outputPath = output
        self.settings = settings
        videoIndex = try input.videoStreamIndex()
        let opened = input
        let audio = Set((0..<opened.streamCount).filter { opened.stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO })
        source = try clip.frameSource(reading: input, keeping: audio)
        let index = source.index
        timeBase = index.timeBase
        let span = Self.span(index, trim: settings.trim)
        (first, end, keepTicks) = (span.first, span.end, span.keepTicks)
        spanStart = index.timestamps[first]
        startsWithClip = (settings.trim?.lowerBound ?? 0) <= 0
        origin = startsWithClip && index.identifiesByTimestamp ? min(spanStart, Self.earliestAudioStart(input, in: timeBase)) : spanStart
        let stream = input.stream(videoIndex)
        let par = stream.pointee.codecpar.pointee
        let description = StreamDescription(stream)
        codec = settings.encode.codec ?? (description.hdr == .sdr ? .h264 : .hevc10)
        // 8-bit H.264 from HLG/PQ is made SDR (tone-mapped, BT.709); HEVC 10-bit keeps the HDR tags.
        let toneMap = codec == .h264 && description.hdr != .sdr ? ToneMap(description.hdr) : nil
        // The output is tagged with all four colour fields, untagged ones filled as players assume
        // (BT.709 for HD, BT.601 for SD; see PictureColor), and keeps the source's range.
        let sourceColor = PictureColor(par)
        let color = toneMap == nil ? sourceColor : PictureColor.sdrBT709
        hdrMetadata = codec == .hevc10 && description.hdr != .sdr ? try Self.hdrMetadata(stream, of: clip) : nil
        out = try OutputFile(path: output)
        let fieldOrder = Self.keptFieldOrder(par, codec: codec, orientation: description.orientation, settings: settings)
        let rate = FrameIndex.nominalRate(stream)
        constantRate = settings.constantFrameRate ? rate : nil
        encoder = try VideoEncoder(.init(
            codec: codec, width: settings.output.width, height: settings.output.height,
            timeBase: settings.constantFrameRate ? av_inv_q(rate) : timeBase, frameRate: rate,
            crf: settings.encode.crf, preset: settings.encode.preset, threads: settings.encode.threads,
            maxBitRate: settings.encode.maxBitRate, globalHeader: out.wantsGlobalHeader, color: color,
            hdrMetadata: hdrMetadata, fieldOrder: fieldOrder), file: path)
        filter = PicturePath(coded: PixelSize(width: Int(par.width), height: Int(par.height)), sar: description.sampleAspectRatio,
                            orientation: description.orientation, window: settings.window, output: settings.output,
                            pixelFormat: encoder.pixelFormat, sourceColor: sourceColor, outputColor: color, toneMap: toneMap)
        try addStreams(audio)
        keepTimecode(rate: rate)
        try out.writeHeader(options: ["movflags": "+faststart"])
    }

    /// The stream's HDR10 metadata, else the first frame's.
    private static func hdrMetadata(_ stream: UnsafeMutablePointer<AVStream>, of clip: Clip) throws(MediaError) -> HDRMetadata? {
        if let own = HDRMetadata(stream: stream) { return own }
        var metadata: HDRMetadata?
        try clip.withFirstFrame { metadata = HDRMetadata(frame: $0) }
        return metadata
    }

    /// The field order to keep: interlaced sources cropped without vertical scaling or turning stay
    /// interlaced (H.264, field-aware coding) and keep their field-order tag; nil encodes progressive
    /// (scaling or turning interlaced pictures mixes their fields either way).
    private static func keptFieldOrder(_ par: AVCodecParameters, codec: VideoCodec, orientation: Orientation,
                                       settings: CropSettings) -> AVFieldOrder? {
        let interlaced = [AV_FIELD_TT, AV_FIELD_BB, AV_FIELD_TB, AV_FIELD_BT].contains(par.field_order)
        // x264 codes interlaced 4:2:0 in field pairs: heights and offsets in steps of 4 lines.
        let unscaled = settings.output.height == settings.window.height && settings.window.y % 4 == 0 && settings.output.height % 4 == 0
        return interlaced && codec == .h264 && orientation == .upright && unscaled && !settings.constantFrameRate ? par.field_order : nil
    }

    /// The frames a trim keeps: from the first starting at or after its start, up to the first starting
    /// at or after its end (seconds from the clip's first frame).
    private static func span(_ index: FrameIndex, trim: ClosedRange<Double>?) -> (first: Int, end: Int, keepTicks: Int64?) {
        guard let trim else { return (0, index.count, nil) }
        let starts = index.frameStarts
        let first = starts.firstIndex { $0 >= trim.lowerBound - 1e-9 } ?? index.count
        let end = starts.firstIndex { $0 >= trim.upperBound - 1e-9 } ?? index.count
        let keep = Int64(((trim.upperBound - trim.lowerBound) / av_q2d(index.timeBase)).rounded())
        return (min(first, max(0, index.count - 1)), max(end, min(first + 1, index.count)), keep)
    }

    /// When the first audio stream to start starts (priming excluded), in `timeBase`; Int64.max without audio.
    private static func earliestAudioStart(_ input: MediaFile, in timeBase: AVRational) -> Int64 {
        (0..<input.streamCount).map(input.stream).filter {
            $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO && $0.pointee.start_time != rk_AV_NOPTS_VALUE()
        }.map { av_rescale_q_rnd($0.pointee.start_time, $0.pointee.time_base, timeBase, AV_ROUND_DOWN) }.min() ?? .max
    }

    private func addStreams(_ audio: Set<Int32>) throws(MediaError) {
        let video = out.addStream()
        guard avcodec_parameters_from_context(video.pointee.codecpar, encoder.context) >= 0 else { fatalError("out of memory") }
        video.pointee.time_base = encoder.context.pointee.time_base
        if codec == .hevc10 { video.pointee.codecpar.pointee.codec_tag = fourCC("hvc1") }
        hdrMetadata?.attach(to: video)
        streamMap[videoIndex] = video
        for i in audio.sorted() {
            let source = input.stream(i)
            if AudioTranscoder.isNeeded(for: source, in: out) {
                transcoders[i] = try transcoder(for: source)
                continue
            }
            let stream = out.addStream()
            guard avcodec_parameters_copy(stream.pointee.codecpar, source.pointee.codecpar) >= 0 else { fatalError("out of memory") }
            stream.pointee.codecpar.pointee.codec_tag = 0
            stream.pointee.time_base = source.pointee.time_base
            streamMap[i] = stream
        }
    }

    /// Tags the video with the source's timecode at the first frame kept: the muxer writes it as a `tmcd` track.
    private func keepTimecode(rate: AVRational) {
        guard let start = Timecode.source(input, video: videoIndex), let video = streamMap[videoIndex] else { return }
        guard let kept = Timecode.advanced(start, by: first, rate: rate) else {
            notes.append("the source's timecode \(start) is not kept: \(rate.num)/\(rate.den) fps is not a timecode rate")
            return
        }
        av_dict_set(&video.pointee.metadata, "timecode", kept, 0)
        // The muxer counts timecode frames at this rate (the time base is no frame rate).
        video.pointee.avg_frame_rate = rate
        timecode = kept
    }

    /// Re-encodes an audio stream to AAC over the same span as the copied audio would cover.
    private func transcoder(for source: UnsafeMutablePointer<AVStream>) throws(MediaError) -> AudioTranscoder {
        let end = keepTicks.map { av_q2d(timeBase) * Double(spanStart + $0 - origin) }
        return try AudioTranscoder(source: source, file: input.path, shift: av_rescale_q(origin, timeBase, source.pointee.time_base),
                                   from: 0, to: end, out: out)
    }

    func run(frameCount: Int?, progress: ((CropProgress) -> Void)?, isCancelled: () -> Bool) throws(MediaError)
        -> (codec: VideoCodec, frames: Int, audioStreams: Int, audioTranscoded: Bool, timecode: String?, notes: [String]) {
        let started = Date()
        var frames = 0
        source.otherPackets = { [unowned self] packet throws(MediaError) in try audio(packet) }
        source.onReposition = { [unowned self] in earlyAudio.removeAll() }
        try source.seek(toFrame: first)
        while let (position, frame) = try source.next(), position < end {
            guard position >= first else { continue }
            if isCancelled() { throw MediaError(.cancelled, file: outputPath, "cancelled: nothing written") }
            try startVideo()
            try encode(frame, at: position)
            frames += 1
            progress?(CropProgress(framesDone: frames, framesTotal: frameCount, elapsed: Date().timeIntervalSince(started)))
        }
        try startVideo()
        try encoder.encode(nil, writeVideo, file: outputPath)
        for transcoder in transcoders.values { try transcoder.finish() }
        try out.finish()
        return (codec, frames, streamMap.count - 1 + transcoders.count, !transcoders.isEmpty, timecode, notes)
    }

    /// The start timecode written (the source's, moved to the first frame kept); nil when the source has none.
    private(set) var timecode: String?
    /// What the crop could not keep, in words.
    private(set) var notes: [String] = []
    /// Audio read before the first kept frame is held (decoding may still be placed again); after, it goes straight out.
    private func audio(_ packet: Packet) throws(MediaError) {
        guard videoStarted else { return earlyAudio.append(packet.reference()) }
        try send(packet)
    }

    private func startVideo() throws(MediaError) {
        guard !videoStarted else { return }
        videoStarted = true
        for packet in earlyAudio { try send(packet) }
        earlyAudio.removeAll()
    }

    private func send(_ packet: Packet) throws(MediaError) {
        if let stream = streamMap[packet.streamIndex] {
            try copy(packet, from: input.stream(packet.streamIndex), to: stream)
        } else if let transcoder = transcoders[packet.streamIndex] {
            try transcoder.send(packet)
        }
    }

    /// Encodes frame `position`, shown until the next frame starts (the last one for its own duration), within the span.
    private func encode(_ decoded: Frame, at position: Int) throws(MediaError) {
        let index = source.index
        let start = index.timestamps[position] &- spanStart
        var stop = position + 1 < index.count ? index.timestamps[position + 1] &- spanStart : start &+ max(1, index.durations[position])
        if let keepTicks { stop = min(stop, keepTicks) }
        guard Int(decoded.width) == filter.coded.width && Int(decoded.height) == filter.coded.height else {
            throw MediaError(.unsupported, file: input.path, "the picture size changes at frame \(position) "
                + "(\(filter.coded) → \(decoded.width)x\(decoded.height)): crop each part on its own")
        }
        let ready = filter.apply(decoded)
        guard let rate = constantRate else {
            ready.pointer.pointee.pts = start
            durations[start] = max(1, stop &- start)
            try encoder.encode(ready, writeVideo, file: outputPath)
            return
        }
        // Every output slot whose time falls before the next frame shows this one.
        let slotsEnd = av_rescale_q_rnd(stop, timeBase, av_inv_q(rate), AV_ROUND_UP)
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
        let delay = av_rescale_q(spanStart - origin, timeBase, stream.pointee.time_base)
        if packet.pts != rk_AV_NOPTS_VALUE() { packet.pointer.pointee.pts += delay }
        if packet.dts != rk_AV_NOPTS_VALUE() { packet.pointer.pointee.dts += delay }
        packet.pointer.pointee.stream_index = stream.pointee.index
        try out.write(packet)
    }

    /// Copies an audio packet, shifted by the same offset as the video. Packets before 0 (AAC priming,
    /// audio before the first frame) stay, with negative timestamps the muxer turns into an edit list.
    private func copy(_ packet: Packet, from source: UnsafeMutablePointer<AVStream>, to target: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        let shift = av_rescale_q(origin, timeBase, source.pointee.time_base)
        let p = packet.pointer
        if p.pointee.pts != rk_AV_NOPTS_VALUE() {
            // Before a trim's start (or running past its end): dropped, so no stream outlasts the span.
            let t = p.pointee.pts &- shift
            let end = keepTicks.map { av_rescale_q(spanStart &+ $0 &- origin, timeBase, source.pointee.time_base) }
            if (t < 0 && !startsWithClip) || end.map({ t &+ p.pointee.duration > $0 }) == true { return }
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
