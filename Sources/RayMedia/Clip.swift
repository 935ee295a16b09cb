internal import CFFmpeg
import Foundation

/// One source clip as a command sees it: its probe and its frame index are worked out once and shared
/// by probing, stills, crops, fixes and plans, so a command opens and scans each file once.
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

    /// A clip to read; nothing is opened until a fact is asked for.
    public convenience init(_ path: String, stream: Int? = nil) {
        self.init(.file(path), stream: stream)
    }

    init(_ source: MediaSource, stream: Int? = nil) {
        self.source = source
        path = source.name
        self.stream = stream
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
        let probe = try MediaProbe.probe(source, stream: stream) { file, index throws(MediaError) in try self.index(file, stream: index) }
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
            let file = try MediaFile(source, fullStreamInfo: false)
            index = try self.index(file, stream: file.videoStreamIndex(requested: stream))
        }
        if let codec = index.stillImage { throw MediaError.stillImage(path, codec: codec) }
        return index
    }

    /// A decode loop over the clip that reuses its index.
    ///
    /// - Parameters:
    ///   - opened: the clip already opened and not yet read from; nil opens it again.
    ///   - keeping: other streams whose packets the source hands on (audio, for a crop).
    func frameSource(reading opened: MediaFile? = nil, keeping: Set<Int32> = []) throws(MediaError) -> FrameSource {
        try FrameSource(source, opened: opened, stream: stream, index: frameIndex(), keeping: keeping)
    }

    /// The index of `stream` in `file`, scanned once (the scan reads `file` to its end).
    private func index(_ file: MediaFile, stream: Int32) throws(MediaError) -> FrameIndex {
        if let cached = lock.withLock({ cachedIndex }), cached.stream == stream { return cached.index }
        let index = try FrameIndex.scan(file, stream: stream)
        lock.withLock { cachedIndex = (stream, index) }
        return index
    }
}
