import Foundation

/// The server's shared state behind one lock: the API state, the request log and pending faults.
final class ServerState: @unchecked Sendable {
    private let condition = NSCondition()
    private var api = APIState()
    private var log: [RecordedRequest] = []
    /// Whether the request at the same index in `log` has been answered (or dropped).
    private var answered: [Bool] = []
    private var faults: [FaultRule] = []

    /// Runs `body` on the API state while holding the lock.
    func withAPI<T>(_ body: (inout APIState) throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body(&api)
    }

    /// Every request received, in order.
    var requests: [RecordedRequest] {
        condition.lock()
        defer { condition.unlock() }
        return log
    }

    /// Logs a request that has been read in full.
    ///
    /// - Returns: its index, for `markAnswered(_:)`.
    func record(_ request: RecordedRequest) -> Int {
        condition.lock()
        defer { condition.unlock() }
        log.append(request)
        answered.append(false)
        return log.count - 1
    }

    /// Marks a logged request as answered and wakes anyone waiting for it.
    func markAnswered(_ index: Int) {
        condition.lock()
        answered[index] = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `count` answered requests match the method and path prefix, or the timeout (seconds) passes.
    func waitForAnswered(_ method: String, _ pathPrefix: String, count: Int, timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while log.indices.count(where: { answered[$0] && log[$0].method == method && log[$0].path.hasPrefix(pathPrefix) }) < count {
            guard condition.wait(until: deadline) else { return false }
        }
        return true
    }

    /// Queues a fault behind those already injected.
    func inject(_ rule: FaultRule) {
        condition.lock()
        defer { condition.unlock() }
        faults.append(rule)
    }

    /// Consumes one use of the first fault that matches the request, if any.
    func takeFault(method: String, path: String) -> Fault? {
        condition.lock()
        defer { condition.unlock() }
        guard let index = faults.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        faults[index].remaining -= 1
        let fault = faults[index].fault
        if faults[index].remaining == 0 { faults.remove(at: index) }
        return fault
    }
}
