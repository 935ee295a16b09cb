import Foundation

/// An exclusive hold on one run's state file for the whole run, so two runs of the same output (a second
/// terminal, a batch script that fires twice) cannot both upload and submit: the second stops at once.
///
/// The lock is `flock(2)` on `STATE.lock` beside the state file, which holds the owner's PID and host.
/// The kernel drops a lock when its process dies, however it dies, so a lock left by a dead process is
/// simply taken over; a live owner's never is. On local file systems this is exact. On NFS, Linux maps
/// `flock` to the server's byte-range locks (NFSv4, or NFSv3 with lockd); on SMB and others it may be
/// local to one machine, so two machines can still race there.
public final class RunLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private let fd: Int32

    /// Takes the lock for the state file `statePath`, or throws naming the process that holds it.
    ///
    /// - Throws: `PipelineError` with ``PipelineError/Remedy/waitForOtherRun(pid:)`` when a live process holds
    ///   it, or naming the file when the lock file cannot be made.
    public init(for statePath: String) throws(PipelineError) {
        path = statePath + ".lock"
        try Paths.createFolder((path as NSString).deletingLastPathComponent)
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw PipelineError("\(path): cannot create the run's lock: \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let reason = errno
                let owner = Self.owner(fd)
                close(fd)
                guard reason == EWOULDBLOCK else {
                    throw PipelineError("\(path): cannot lock the run: \(String(cString: strerror(reason)))")
                }
                throw Self.held(statePath, by: owner)
            }
            // A run that was finishing removed the file between our open and our lock: lock the new one.
            guard Self.isStillAt(fd, path) else { close(fd); continue }
            self.fd = fd
            Self.record(fd)
            return
        }
    }

    deinit {
        unlink(path)
        close(fd)
    }

    /// The error a second run gets: who holds the lock and what to do.
    private static func held(_ statePath: String, by owner: String?) -> PipelineError {
        let pid = owner.flatMap { $0.split(separator: " ").first }.flatMap { Int32($0) }
        let who = owner.map { "process \($0)" } ?? "another process"
        return PipelineError("\(statePath) is in use by \(who): another run of the same output is under way; "
            + "wait for it to finish (or stop it), then run this again", remedy: .waitForOtherRun(pid: pid))
    }

    /// `PID on HOST` as the holder wrote it.
    private static func owner(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private static func record(_ fd: Int32) {
        let line = Array("\(getpid()) on \(ProcessInfo.processInfo.hostName)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, line, line.count, 0)
    }

    /// Whether `path` still names the file open as `fd`.
    private static func isStillAt(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        return fstat(fd, &open) == 0 && stat(path, &named) == 0 && open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }
}
