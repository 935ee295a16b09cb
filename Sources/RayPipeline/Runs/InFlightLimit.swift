import Foundation

/// At most `limit` remote jobs running at once; the limit can only go down (after a concurrency 429).
final class InFlightLimit: @unchecked Sendable {
    private let condition = NSCondition()
    private(set) var limit: Int
    private var running = 0

    init(_ limit: Int) { self.limit = max(1, limit) }

    /// Waits for a free place and takes it.
    func acquire() {
        condition.lock()
        while running >= limit { condition.wait() }
        running += 1
        condition.unlock()
    }

    /// Gives a place back.
    func release() {
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Lowers the limit to fewer than are running now (at least 1), or to the server's `actionLimit`.
    /// - Returns: the new limit.
    @discardableResult
    func lower(serverLimit: Int?) -> Int {
        condition.lock()
        defer { condition.unlock() }
        limit = max(1, min(limit, running - 1, serverLimit ?? Int.max))
        return limit
    }
}

/// Runs each file's upload once per run, however many items ask for it at the same time.
final class UploadOnce: @unchecked Sendable {
    private let condition = NSCondition()
    private var underway: Set<String> = []

    /// Runs `body` for `hash` unless another thread is running it; then waits for that one and runs `body`
    /// again (which finds the finished upload in the manifest).
    func run<T>(_ hash: String, _ body: () throws(PipelineError) -> T) throws(PipelineError) -> T {
        condition.lock()
        while underway.contains(hash) { condition.wait() }
        underway.insert(hash)
        condition.unlock()
        defer {
            condition.lock()
            underway.remove(hash)
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}

