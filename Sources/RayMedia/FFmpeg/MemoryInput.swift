internal import CFFmpeg

/// Where a clip's bytes come from: a file on disk, or bytes already in memory (the fuzz targets).
enum MediaSource: Sendable {
    case file(String)
    /// `name` stands for the path in errors; libavformat may use its extension as a hint.
    case memory(name: String, bytes: [UInt8])

    /// The path, or the name the bytes go by: what errors name.
    var name: String {
        switch self {
        case .file(let path): path
        case .memory(let name, _): name
        }
    }
}

/// Bytes in memory read through a custom `AVIOContext` (read and seek callbacks), as libavformat reads a file.
final class MemoryInput {
    private let bytes: [UInt8]
    private var position = 0
    /// The I/O context reading `bytes`; freed with `self`.
    private(set) var context: UnsafeMutablePointer<AVIOContext>!

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        let size: Int32 = 32 * 1024
        guard let buffer = av_malloc(Int(size)) else { fatalError("av_malloc: out of memory") }
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        context = avio_alloc_context(
            buffer.assumingMemoryBound(to: UInt8.self), size, 0, opaque,
            { opaque, buffer, size in MemoryInput.from(opaque).read(into: buffer, size) },
            nil,
            { opaque, offset, whence in MemoryInput.from(opaque).seek(offset, whence) })
        if context == nil { fatalError("avio_alloc_context: out of memory") }
    }

    deinit {
        // libavio may have replaced the buffer given at allocation: free the one it holds now.
        av_freep(&context.pointee.buffer)
        var optional: UnsafeMutablePointer<AVIOContext>? = context
        avio_context_free(&optional)
    }

    private static func from(_ opaque: UnsafeMutableRawPointer?) -> MemoryInput {
        Unmanaged<MemoryInput>.fromOpaque(opaque!).takeUnretainedValue()
    }

    private func read(into buffer: UnsafeMutablePointer<UInt8>?, _ size: Int32) -> Int32 {
        guard let buffer, size > 0 else { return 0 }
        let count = min(Int(size), bytes.count - position)
        guard count > 0 else { return rk_AVERROR_EOF() }
        bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + position, count: count) }
        position += count
        return Int32(count)
    }

    /// `whence` is SEEK_SET/CUR/END, or AVSEEK_SIZE to ask for the length; AVSEEK_FORCE is a hint only.
    private func seek(_ offset: Int64, _ whence: Int32) -> Int64 {
        let mode = whence & ~Int32(AVSEEK_FORCE)
        if mode == AVSEEK_SIZE { return Int64(bytes.count) }
        let base: Int64
        switch mode {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = Int64(position)
        case SEEK_END: base = Int64(bytes.count)
        default: return Int64(rk_AVERROR(EINVAL))
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0, target <= Int64(bytes.count) else { return Int64(rk_AVERROR(EINVAL)) }
        position = Int(target)
        return target
    }
}
