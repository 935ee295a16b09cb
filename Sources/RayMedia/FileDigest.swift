internal import CFFmpeg
import Foundation

/// Content hashes of files, with libavutil's SHA-256, read in 1 MiB blocks (never the whole file in memory).
public enum FileDigest {
    /// The SHA-256 of the file's bytes as 64 lowercase hex digits.
    ///
    /// - Throws: `MediaError` (`.fileNotFound`) when the file cannot be read.
    public static func sha256(_ path: String) throws(MediaError) -> String {
        guard let file = fopen(path, "rb") else { throw MediaError(.fileNotFound, file: path, "cannot read: \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        guard let context = av_sha_alloc() else { fatalError("av_sha_alloc: out of memory") }
        defer { av_free(UnsafeMutableRawPointer(context)) }
        av_sha_init(context, 256)
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { block.withUnsafeBytes { av_sha_update(context, $0.bindMemory(to: UInt8.self).baseAddress, count) } }
            if count < block.count { break }
        }
        guard ferror(file) == 0 else { throw MediaError(.failed, file: path, "read error while hashing") }
        var digest = [UInt8](repeating: 0, count: 32)
        av_sha_final(context, &digest)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
