import Foundation

/// Writes files so that readers see either nothing or the whole file: a temporary file
/// in the same folder, renamed into place on success.
public enum AtomicFile {
    /// Refuses an existing `path` unless `overwrite`, and creates the folders that lead to it.
    ///
    /// - Throws: `MediaError` (`.outputExists`) naming the file and the way out (`--force`), or
    ///   (`.failed`) when a folder on the way cannot be made.
    public static func checkWritable(_ path: String, overwrite: Bool) throws(MediaError) {
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw MediaError(.outputExists, file: path, "already exists")
        }
        try createFolder(containing: path)
    }

    /// Makes the folder `path` goes in (with any missing parents), as every writer does before writing.
    ///
    /// - Throws: `MediaError` (`.failed`) naming the file when something in the way is not a folder or cannot be made.
    static func createFolder(containing path: String) throws(MediaError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw MediaError(.failed, file: path, "cannot write: \(folder) is not a folder") }
            return
        }
        if let reason = makeFolder(folder) { throw MediaError(.failed, file: path, "cannot create the folder \(folder): \(reason)") }
    }

    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: `MediaError` when the file exists and `overwrite` is false, or the folder is not writable.
    public static func write<Bytes: Sequence>(_ bytes: Bytes, to path: String, overwrite: Bool) throws(MediaError) where Bytes.Element == UInt8 {
        try checkWritable(path, overwrite: overwrite)
        let temporary = temporaryPath(for: path)
        // POSIX calls, so a failure reads as the system's words ("Permission denied", "File too large").
        let data = Array(bytes)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw MediaError(.failed, file: path, "cannot write: \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        var offset = 0
        while offset < data.count && failure == 0 {
            let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 { if errno != EINTR { failure = errno } } else { offset += written }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw MediaError(.failed, file: path, "cannot write: \(String(cString: strerror(failure)))")
        }
        try commit(temporary, to: path)
    }

    /// Renames a finished temporary file over `path` (atomic on one file system).
    public static func commit(_ temporary: String, to path: String) throws(MediaError) {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw MediaError(.failed, file: path, "cannot write: \(reason)")
        }
    }

    /// Copies `source` to `path` atomically, replacing what is there.
    public static func copy(_ source: String, to path: String) throws(MediaError) {
        let temporary = temporaryPath(for: path)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw MediaError(.failed, file: path, "cannot write: \(error.localizedDescription)")
        }
        try commit(temporary, to: path)
    }

    /// Makes `folder` and any missing parents (`mkdir -p`).
    ///
    /// - Returns: nil when done, else the system's words for what stopped it ("Permission denied"), which
    ///   Foundation's `createDirectory` wraps as "The operation could not be completed".
    static func makeFolder(_ folder: String) -> String? {
        var current = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "\(folder) is not a folder"
        }
        return nil
    }

    /// Whether two paths name the same file (hard links and symlinks included).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// A hidden sibling name for the in-progress file: `.NAME.partial-PID-RANDOM`.
    ///
    /// Asking for one also clears what killed writers of the same file left: siblings named
    /// `.NAME.partial-PID-…` whose process is gone (``removeStalePartials(of:)``).
    public static func temporaryPath(for path: String) -> String {
        removeStalePartials(of: path)
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Removes the in-progress files of `path` that a killed writer (SIGKILL, a crash, power loss) left
    /// beside it: `.NAME.partial-PID-RANDOM` where no process PID is alive.
    ///
    /// Only `path`'s own partials are touched, never another file's, and never one whose process still runs
    /// (a concurrent writer, or a reused PID: then it stays until a later run).
    /// - Returns: the paths removed.
    @discardableResult
    public static func removeStalePartials(of path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count).split(separator: "-")
            guard rest.count == 2, let pid = pid_t(rest[0]), pid > 0, UInt32(rest[1]) != nil, pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let stale = (folder as NSString).appendingPathComponent(name)
            if unlink(stale) == 0 { removed.append(stale) }
        }
        return removed
    }
}
