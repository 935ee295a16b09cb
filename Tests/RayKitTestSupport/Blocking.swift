import Foundation

/// Runs blocking work (a process's exit, a pipe read to its end) on a Dispatch thread and awaits it, so the
/// task's thread, one of Swift's few concurrency threads, stays free for the tests and servers beside it.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

extension Process {
    /// Waits for the process to exit without holding the task's thread.
    public func exited() async {
        await offThePool { [self] in waitUntilExit() }
    }
}
