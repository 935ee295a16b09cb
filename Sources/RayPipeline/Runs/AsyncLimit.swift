import Foundation

/// At most `limit` holders at once, waiting without blocking a thread: remote jobs in flight, local media
/// work. The limit can only go down (after Scenario's concurrency 429).
final class AsyncLimit: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { self.limit = max(1, limit) }

    /// Waits for a free place and takes it.
    func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = lock.withLock {
                guard running < limit else { waiting.append(continuation); return false }
                running += 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Gives a place back; the longest waiter takes it when the limit allows.
    func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            running -= 1
            guard running < limit, !waiting.isEmpty else { return nil }
            running += 1
            return waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding a place.
    func holding<T>(_ body: () async throws(PipelineError) -> T) async throws(PipelineError) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// Lowers the limit to fewer than are running now (at least 1), or to the server's `actionLimit`.
    /// - Returns: the new limit.
    @discardableResult
    func lower(serverLimit: Int?) -> Int {
        lock.withLock {
            limit = max(1, min(limit, running - 1, serverLimit ?? Int.max))
            return limit
        }
    }
}

/// Runs each file's upload once per run, however many items ask for it at the same time.
final class UploadOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var underway: [String: Task<Result<String, PipelineError>, Never>] = [:]

    /// Runs `body` for `hash` unless another task is running it, then shares that one's result; a failed
    /// upload is forgotten, so a later call tries again.
    func run(_ hash: String, _ body: @escaping @Sendable () async throws(PipelineError) -> String) async throws(PipelineError) -> String {
        let task = lock.withLock {
            if let running = underway[hash] { return running }
            let started = Task { () async -> Result<String, PipelineError> in
                do throws(PipelineError) { return .success(try await body()) } catch { return .failure(error) }
            }
            underway[hash] = started
            return started
        }
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        if case .failure = result { lock.withLock { if underway[hash] == task { underway[hash] = nil } } }
        return try result.get()
    }
}
