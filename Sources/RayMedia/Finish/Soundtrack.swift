internal import CFFmpeg
import Foundation

/// Puts a source clip's sound back on a model's result: Ray 3.2 Edit and Reframe return MP4 without audio.
public enum Soundtrack {
    /// Writes `output`: the video stream of `video` copied untouched (no re-encode) and the audio of
    /// `audioFrom` over the same span, as MP4 with its index first (`+faststart`).
    ///
    /// The result's frame 0 is the source's first shown video frame: audio times are taken from there,
    /// and the audio is cut where the result's last frame ends. Audio an MP4 carries (AAC, MP3, MP2, AC-3,
    /// E-AC-3, Opus, ALAC) is copied with its priming; other audio (PCM, FLAC, …) is re-encoded to AAC.
    /// When `audioFrom` has no audio the file holds the video alone and the result says so. The file
    /// appears only when complete (written under a temporary name and renamed).
    /// - Parameters:
    ///   - video: the model's result (any audio in it is left out).
    ///   - audioFrom: the clip the result was made from (or any file with the audio).
    ///   - output: the MP4 to write: neither input.
    ///   - overwrite: replace an existing `output`.
    /// - Throws: `MediaError` naming the file at fault: an input missing, unreadable or truncated, no
    ///   video in `video`, `output` existing or naming an input.
    public static func restore(video: String, audioFrom source: String, to output: String,
                               overwrite: Bool = false) throws(MediaError) -> SoundtrackResult {
        let videoClip = Clip(video)
        return try restore(video: videoClip, audioFrom: source == video ? videoClip : Clip(source), to: output, overwrite: overwrite)
    }

    /// ``restore(video:audioFrom:to:overwrite:)`` on clips already open (their indexes reused).
    public static func restore(video videoClip: Clip, audioFrom sourceClip: Clip, to output: String,
                               overwrite: Bool = false) throws(MediaError) -> SoundtrackResult {
        let (video, source) = (videoClip.path, sourceClip.path)
        if !overwrite && FileManager.default.fileExists(atPath: output) {
            throw MediaError(.outputExists, file: output, "already exists")
        }
        for input in [video, source] where AtomicFile.sameFile(input, output) {
            throw MediaError(.invalidRequest, file: output, "is the input \(input): write the result somewhere else")
        }
        try AtomicFile.createFolder(containing: output)
        let temporary = AtomicFile.temporaryPath(for: output)
        do {
            let written = try SoundtrackMux(video: videoClip, source: sourceClip, output: temporary).run()
            try AtomicFile.commit(temporary, to: output)
            return SoundtrackResult(file: output, videoFrames: written.frames, audioStreams: written.audioStreams,
                                    transcoded: written.transcoded, audioDuration: written.audioDuration)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error.file == temporary ? MediaError(error.kind, file: output, error.problem) : error
        }
    }
}

/// One pass: the result's video packets and the source's audio, merged by time into a new MP4.
private final class SoundtrackMux {
    let video: MediaFile
    let source: MediaFile
    let out: OutputFile
    let videoIndex: Int32
    let videoOut: UnsafeMutablePointer<AVStream>
    let frames: Int
    /// Decode timestamps to write for the video packets, in file order (nil: the file's own); see `DecodeTimestamps`.
    let decodeTimestamps: [Int64]?
    /// Video packets read so far.
    private var videoPackets = 0
    /// Output time = source time − `lag`, in seconds (the source's first frame lands on the result's).
    let lag: Double
    var copies: [Int32: AudioCopy] = [:]
    var transcoders: [Int32: AudioTranscoder] = [:]

    init(video videoClip: Clip, source sourceClip: Clip, output: String) throws(MediaError) {
        let index = try videoClip.frameIndex()
        video = try videoClip.demux(fullStreamInfo: false)
        videoIndex = try video.videoStreamIndex()
        video.keepOnly(stream: videoIndex)
        frames = index.count
        decodeTimestamps = try DecodeTimestamps.rebuilt(videoClip.demux(fullStreamInfo: false), stream: videoIndex)
        let scale = av_q2d(index.timeBase)
        let start = Double(index.timestamps[0]) * scale
        let end = Double(index.timestamps.last! + index.durations.last!) * scale
        source = try sourceClip.demux(fullStreamInfo: true)
        lag = Self.firstFrameSeconds(source) - start
        out = try OutputFile(path: output)
        videoOut = out.addStream()
        try copyVideoParameters(from: video.stream(videoIndex))
        try addAudio(from: start, to: end)
        try out.writeHeader(options: ["movflags": "+faststart"])
    }

    /// When the source's first video frame starts (without video: its first audio), in seconds.
    private static func firstFrameSeconds(_ file: MediaFile) -> Double {
        let streams = (0..<file.streamCount).map(file.stream).filter { $0.pointee.start_time != rk_AV_NOPTS_VALUE() }
        let start: (UnsafeMutablePointer<AVStream>) -> Double = { Double($0.pointee.start_time) * av_q2d($0.pointee.time_base) }
        if let index = try? file.videoStreamIndex(), let stream = streams.first(where: { $0.pointee.index == index }) {
            return start(stream)
        }
        return streams.filter { $0.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO }.map(start).min() ?? 0
    }

    /// The result's video parameters, tag (`hvc1`/`avc1`) and side data (display matrix) as they are.
    private func copyVideoParameters(from stream: UnsafeMutablePointer<AVStream>) throws(MediaError) {
        guard avcodec_parameters_copy(videoOut.pointee.codecpar, stream.pointee.codecpar) >= 0,
              rk_copy_stream_side_data(videoOut, stream) >= 0 else { fatalError("out of memory") }
        let par = stream.pointee.codecpar.pointee
        let tags = out.context.pointee.oformat.pointee.codec_tag
        if tags != nil && av_codec_get_id(tags, par.codec_tag) != par.codec_id { videoOut.pointee.codecpar.pointee.codec_tag = 0 }
        videoOut.pointee.time_base = stream.pointee.time_base
        videoOut.pointee.avg_frame_rate = stream.pointee.avg_frame_rate
    }

    /// An output stream for each audio stream of the source: copied, or re-encoded when MP4 cannot carry it.
    private func addAudio(from start: Double, to end: Double) throws(MediaError) {
        for i in 0..<source.streamCount {
            let stream = source.stream(i)
            guard stream.pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_AUDIO else {
                stream.pointee.discard = AVDISCARD_ALL
                continue
            }
            let shift = Int64((lag / av_q2d(stream.pointee.time_base)).rounded())
            if AudioTranscoder.isNeeded(for: stream, in: out) {
                transcoders[i] = try AudioTranscoder(source: stream, file: source.path, shift: shift, from: start, to: end, out: out)
            } else {
                copies[i] = AudioCopy(source: stream, to: out, shift: shift, from: start, to: end)
            }
        }
    }

    func run() throws(MediaError) -> (frames: Int, audioStreams: Int, transcoded: Bool, audioDuration: Double) {
        let picture = Packet(), sound = Packet()
        var havePicture = try readVideo(into: picture), haveSound = try read(source, into: sound)
        while havePicture || haveSound {
            if havePicture && (!haveSound || seconds(picture, in: video) <= seconds(sound, in: source) - lag) {
                try writeVideo(picture)
                havePicture = try readVideo(into: picture)
            } else {
                if let copy = copies[sound.streamIndex] { try copy.send(sound) }
                if let transcoder = transcoders[sound.streamIndex] { try transcoder.send(sound) }
                haveSound = try read(source, into: sound)
            }
        }
        for transcoder in transcoders.values { try transcoder.finish() }
        try out.finish()
        let durations = copies.values.map(\.writtenSeconds) + transcoders.values.map(\.encodedSeconds)
        return (frames, durations.count, !transcoders.isEmpty, durations.max() ?? 0)
    }

    /// The next packet of the chosen video stream (an attached cover picture is delivered whatever the discard
    /// flags say), with its decode timestamp rebuilt where the file's own cannot be written.
    private func readVideo(into packet: Packet) throws(MediaError) -> Bool {
        while try read(video, into: packet) {
            guard packet.streamIndex == videoIndex else { continue }
            if let decodeTimestamps, videoPackets < decodeTimestamps.count {
                packet.pointer.pointee.dts = decodeTimestamps[videoPackets]
            }
            videoPackets += 1
            return true
        }
        return false
    }

    private func read(_ file: MediaFile, into packet: Packet) throws(MediaError) -> Bool {
        do { return try file.read(into: packet) } catch { throw error.mediaError(file: file.path) }
    }

    /// A packet's decode time in seconds (its presentation time when it has none).
    private func seconds(_ packet: Packet, in file: MediaFile) -> Double {
        let t = packet.dts != rk_AV_NOPTS_VALUE() ? packet.dts : packet.pts
        return t == rk_AV_NOPTS_VALUE() ? -.infinity : Double(t) * av_q2d(file.stream(packet.streamIndex).pointee.time_base)
    }

    private func writeVideo(_ packet: Packet) throws(MediaError) {
        av_packet_rescale_ts(packet.pointer, video.stream(videoIndex).pointee.time_base, videoOut.pointee.time_base)
        packet.pointer.pointee.stream_index = videoOut.pointee.index
        packet.pointer.pointee.pos = -1
        try out.write(packet)
    }
}

/// Copies one audio stream's packets that fall in a window of output time, with the packet just before
/// the window (AAC priming, decoder pre-roll): its negative timestamp becomes an edit list.
private final class AudioCopy {
    let source: UnsafeMutablePointer<AVStream>
    let target: UnsafeMutablePointer<AVStream>
    let out: OutputFile
    /// Output time = source timestamp − `shift`; the window is `from` up to `to`, all in the source time base.
    let shift: Int64, from: Int64, to: Int64
    private var preroll: Packet?
    private var started = false
    private var firstShown: Int64?
    private var lastEnd: Int64?

    init(source: UnsafeMutablePointer<AVStream>, to out: OutputFile, shift: Int64, from: Double, to: Double) {
        self.source = source
        self.out = out
        self.shift = shift
        let tick = av_q2d(source.pointee.time_base)
        self.from = Int64((from / tick).rounded())
        self.to = Int64((to / tick).rounded())
        target = out.addStream()
        guard avcodec_parameters_copy(target.pointee.codecpar, source.pointee.codecpar) >= 0 else { fatalError("out of memory") }
        target.pointee.codecpar.pointee.codec_tag = 0
        target.pointee.time_base = source.pointee.time_base
    }

    /// Seconds of audio written, from the window's start (or the first packet, when later) to the last packet's end.
    var writtenSeconds: Double {
        guard let firstShown, let lastEnd else { return 0 }
        return Double(lastEnd - firstShown) * av_q2d(source.pointee.time_base)
    }

    func send(_ packet: Packet) throws(MediaError) {
        guard packet.pts != rk_AV_NOPTS_VALUE() else { return }
        let t = packet.pts - shift
        if t >= to { return }
        if !started && t + packet.duration <= from {
            preroll = packet.reference()
            return
        }
        if let held = preroll {
            preroll = nil
            try write(held)
        }
        started = true
        if firstShown == nil { firstShown = max(t, from) }
        if t + packet.duration > to { packet.pointer.pointee.duration = to - t }
        try write(packet)
    }

    private func write(_ packet: Packet) throws(MediaError) {
        let p = packet.pointer
        p.pointee.pts -= shift
        if p.pointee.dts != rk_AV_NOPTS_VALUE() { p.pointee.dts -= shift }
        lastEnd = p.pointee.pts + p.pointee.duration
        av_packet_rescale_ts(p, source.pointee.time_base, target.pointee.time_base)
        p.pointee.stream_index = target.pointee.index
        p.pointee.pos = -1
        try out.write(packet)
    }
}
