import Foundation

/// Runs blocking work (a process's exit, a socket or pipe read to its end) on a thread of its own and awaits
/// it, so the task's thread, one of Swift's few concurrency threads, stays free for the tests and servers
/// beside it. Not Dispatch's global queue: on Linux it feeds those same few threads, so a wait there
/// starves them.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

extension Process {
    /// Waits for the process to exit without holding the task's thread.
    public func exited() async {
        await offThePool { [self] in waitUntilExit() }
    }
}

/// CPU seconds the calling thread has used: a time bound that holds however many tests run beside it.
public func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
