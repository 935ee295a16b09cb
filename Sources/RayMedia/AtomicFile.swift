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
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw MediaError(.failed, file: path, "cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` atomically.
    ///
    /// - Throws: `MediaError` when the file exists and `overwrite` is false, or the folder is not writable.
    public static func write<Bytes: Sequence>(_ bytes: Bytes, to path: String, overwrite: Bool) throws(MediaError) where Bytes.Element == UInt8 {
        try checkWritable(path, overwrite: overwrite)
        let temporary = temporaryPath(for: path)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw MediaError(.failed, file: path, "cannot write: \(error.localizedDescription)")
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

    /// Whether two paths name the same file (hard links and symlinks included).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// A hidden sibling name for the in-progress file: `.NAME.partial-PID-RANDOM`.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
