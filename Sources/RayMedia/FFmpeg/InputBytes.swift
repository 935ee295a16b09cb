internal import CFFmpeg

/// A clip's bytes, opened once: one `AVIOContext` on the file (or on bytes in memory) that every demuxer
/// of the clip reads through. Reading a clip again never opens it again.
///
/// Each demuxer keeps its own place: before it reads it claims the I/O, which puts the position back
/// where that demuxer left it (a new one starts at byte 0), as separate opens of the file would.
final class InputBytes {
    /// The I/O every demuxer on this clip is given.
    let context: UnsafeMutablePointer<AVIOContext>
    /// The bytes behind a memory source (nil for a file); kept as long as `context`.
    private let memory: MemoryInput?

    /// Opens the file, or wraps the bytes in memory, counting one open in `counters`.
    ///
    /// - Throws: `MediaError` naming the file when it cannot be opened for reading.
    init(_ source: MediaSource, counters: ReadCounters) throws(MediaError) {
        switch source {
        case .file(let path):
            try FileKind.checkClip(path)
            var opened: UnsafeMutablePointer<AVIOContext>?
            let code = avio_open2(&opened, path, AVIO_FLAG_READ, nil, nil)
            guard code >= 0, let opened else {
                throw MediaError(.failed, file: path, "cannot open: \(AVFailure(code: code, call: "open", logLine: nil).message)")
            }
            (context, memory) = (opened, nil)
        case .memory(let name, let bytes):
            guard !bytes.isEmpty else { throw MediaError(.emptyFile, file: name, "file is empty (0 bytes)") }
            let memory = MemoryInput(bytes)
            (context, self.memory) = (memory.context, memory)
        }
        counters.add(opens: 1)
    }

    /// The demuxer reading now, and where the others left off.
    private var reader: Int?
    private var places: [Int: Int64] = [:]
    private var readers = 0

    /// A number for a new demuxer to claim the I/O with.
    func newReader() -> Int {
        readers += 1
        return readers
    }

    /// Makes `demuxer` the one reading: the position goes back to where it left off (byte 0 the first time).
    func claim(for demuxer: Int) {
        guard reader != demuxer else { return }
        if let reader { places[reader] = avio_tell(context) }
        reader = demuxer
        avio_seek(context, places.removeValue(forKey: demuxer) ?? 0, SEEK_SET)
    }

    /// Forgets a demuxer that is done.
    func release(_ demuxer: Int) {
        places[demuxer] = nil
        if reader == demuxer { reader = nil }
    }

    deinit {
        // MemoryInput frees its own context.
        guard memory == nil else { return }
        var optional: UnsafeMutablePointer<AVIOContext>? = context
        avio_closep(&optional)
    }
}
