import Foundation

/// Which items of a run have ended, and how: an item that uses another's result (`after`) waits here,
/// without blocking a thread, until that one has finished or stopped.
final class ItemCompletions: @unchecked Sendable {
    private let lock = NSLock()
    private var ended: [String: Bool] = [:]
    private var waiting: [String: [CheckedContinuation<Bool, Never>]] = [:]

    /// Records that `item` ended, finished (`true`) or stopped; its waiters go on.
    func end(_ item: String, finished: Bool) {
        let waiters = lock.withLock {
            ended[item] = finished
            return waiting.removeValue(forKey: item) ?? []
        }
        for waiter in waiters { waiter.resume(returning: finished) }
    }

    /// Waits for `item` to end; whether it finished.
    func wait(for item: String) async -> Bool {
        await withCheckedContinuation { continuation in
            let known = lock.withLock { () -> Bool? in
                if let finished = ended[item] { return finished }
                waiting[item, default: []].append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }
}
