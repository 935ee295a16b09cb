internal import CFFmpeg
import Foundation

/// One source clip as a command sees it: its file is opened once, its probe and its frame index are worked
/// out once, and probing, stills, crops, fixes, plans, shots and checks all read through them.
///
/// A clip reads one thing at a time: its readers share one open file. ``readStats`` counts what reading cost.
public final class Clip: @unchecked Sendable {
    /// The file (for bytes in memory, the name they go by).
    public let path: String
    /// Where the clip's bytes are read from.
    let source: MediaSource
    /// The video stream asked for; nil for the main one (never a cover picture).
    public let stream: Int?
    private let lock = NSLock()
    private var cachedIndex: (stream: Int32, index: FrameIndex)?
    private var cachedProbe: ProbeResult?
    /// The file (or bytes) open for every demuxer of this clip; opened on first use.
    private var input: InputBytes?
    let counters: ReadCounters

    /// A clip to read; nothing is opened until a fact is asked for.
    public convenience init(_ path: String, stream: Int? = nil) {
        self.init(.file(path), stream: stream)
    }

    init(_ source: MediaSource, stream: Int? = nil) {
        self.source = source
        path = source.name
        self.stream = stream
        counters = ReadCounters(file: path)
    }

    /// A clip read from bytes in memory (through a custom I/O context), never from disk: for an app
    /// that holds the media already, and for fuzzing.
    ///
    /// - Parameters:
    ///   - bytes: the whole file, as it would be on disk.
    ///   - name: what errors and `path` call the clip.
    ///   - stream: the video stream's index in the file; nil for the main one.
    public convenience init(bytes: [UInt8], name: String = "memory", stream: Int? = nil) {
        self.init(.memory(name: name, bytes: bytes), stream: stream)
    }

    /// The probe, with the exact frame count from the clip's frame index.
    ///
    /// - Throws: `MediaError` naming the file: missing, empty, not media, truncated, no video.
    public func probe() throws(MediaError) -> ProbeResult {
        if let probe = lock.withLock({ cachedProbe }) { return probe }
        let probe = try MediaProbe.probe(demux(fullStreamInfo: true), stream: stream, index: { file, index throws(MediaError) in
            try self.index(file, stream: index)
        }, firstFrame: withFirstFrame)
        lock.withLock { cachedProbe = probe }
        return probe
    }

    /// When each frame starts (seconds after the first) and how long the clip shows: what
    /// `FrameSelector.resolve` needs to turn selectors into frame numbers.
    public func timeline() throws(MediaError) -> (frameStarts: [Double], duration: Double) {
        let index = try frameIndex()
        return (index.frameStarts, index.duration)
    }

    /// The frame index of the chosen stream, scanned on first use: what reading the clip's frames starts from.
    ///
    /// - Throws: `MediaError` for a file that cannot be read, or a still image (a picture has no frames of a video to read).
    func frameIndex() throws(MediaError) -> FrameIndex {
        let index: FrameIndex
        if let cached = lock.withLock({ cachedIndex }) {
            index = cached.index
        } else {
            let file = try demux(fullStreamInfo: false)
            index = try self.index(file, stream: file.videoStreamIndex(requested: stream))
        }
        if let codec = index.stillImage { throw MediaError.stillImage(path, codec: codec) }
        return index
    }

    /// A decode loop over the clip that reuses its index.
    ///
    /// - Parameters:
    ///   - opened: a demuxer of this clip not yet read from; nil starts one.
    ///   - keeping: other streams whose packets the source hands on (audio, for a crop).
    func frameSource(reading opened: MediaFile? = nil, keeping: Set<Int32> = []) throws(MediaError) -> FrameSource {
        let index = try frameIndex()
        let file: MediaFile
        if let opened { file = opened } else { file = try demux(fullStreamInfo: false) }
        return try FrameSource(file, stream: stream, index: index, keeping: keeping)
    }

    /// Decodes the clip's first frame and hands it to `body` (the frame is valid only during the call).
    func withFirstFrame(_ body: (Frame) -> Void) throws(MediaError) {
        let source = try frameSource()
        source.want([0])
        body(try source.frame(at: 0))
    }

    /// What reading this clip has cost so far: opens, demuxer starts, packets, decoded frames, seeks.
    public var readStats: ReadStats { counters.snapshot }

    /// A demuxer at the clip's start, on the clip's one open file (opened here the first time).
    ///
    /// - Parameter fullStreamInfo: decode the first frames for every stream parameter (what a probe reports).
    func demux(fullStreamInfo: Bool) throws(MediaError) -> MediaFile {
        if let input = lock.withLock({ input }) {
            return try MediaFile(source, input: input, counters: counters, fullStreamInfo: fullStreamInfo)
        }
        let file = try MediaFile(source, counters: counters, fullStreamInfo: fullStreamInfo)
        lock.withLock { input = file.input }
        return file
    }

    /// The index of `stream` in `file`, scanned once (the scan reads `file` to its end).
    private func index(_ file: MediaFile, stream: Int32) throws(MediaError) -> FrameIndex {
        if let cached = lock.withLock({ cachedIndex }), cached.stream == stream { return cached.index }
        let index = try FrameIndex.scan(file, stream: stream)
        lock.withLock { cachedIndex = (stream, index) }
        return index
    }
}
