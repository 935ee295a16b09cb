import Foundation

/// What a path names on disk, told before libavformat opens it (opening a FIFO would wait for a writer).
enum FileKind: Equatable {
    case missing
    case directory
    /// A FIFO, a device or a socket, in words (`a FIFO`).
    case special(String)
    case regular(bytes: Int64)
    /// `stat` failed for another reason (no permission): opening the file says why.
    case unknown

    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = errno == ENOENT || errno == ENOTDIR ? .missing : .unknown
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular(bytes: Int64(info.st_size))
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .special("a FIFO")
        case S_IFCHR: self = .special("a character device")
        case S_IFBLK: self = .special("a block device")
        case S_IFSOCK: self = .special("a socket")
        default: self = .special("of an unknown kind")
        }
    }

    /// Refuses what cannot be read as a clip: missing, a folder, not a regular file, empty.
    ///
    /// - Throws: `MediaError` naming `path` and what it is.
    static func checkClip(_ path: String) throws(MediaError) {
        switch FileKind(path) {
        case .missing:
            throw MediaError(.fileNotFound, file: path, "no such file")
        case .directory:
            throw MediaError(.notMedia, file: path, "is a directory")
        case .special(let kind):
            // A clip is read more than once (probe, index, frames): a stream read once cannot serve.
            throw MediaError(.notMedia, file: path, "is not a regular file (\(kind)): save the stream to a file and use that")
        case .regular(let bytes) where bytes == 0:
            throw MediaError(.emptyFile, file: path, "file is empty (0 bytes)")
        case .regular, .unknown:
            return
        }
    }
}
