import Foundation

/// FlyingFox's tasks did not run within 10 seconds: every thread of Swift's concurrency pool is
/// blocked, typically by synchronous tests waiting on sockets (one thread per core).
public struct PoolTimeout: LocalizedError {
    public var errorDescription: String? {
        "ScenarioTestServer: the Swift concurrency pool ran none of FlyingFox's tasks within 10 s; blocking tests hold every thread (try swift test --no-parallel)"
    }
}
