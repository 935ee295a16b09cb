import Foundation

/// A value behind an `NSLock`, with `Mutex`'s `withLock` shape.
///
/// Used instead of `Synchronization.Mutex`: on Linux its futex lock is invisible to ThreadSanitizer, which
/// then reports every access under it as a race (`make test-tsan` did, on a trivially correct program
/// too), hiding real ones. `NSLock` is a pthread mutex, which TSan understands.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
