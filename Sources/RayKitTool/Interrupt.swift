import ArgumentParser
import Foundation
import Synchronization

/// Ctrl-C or `kill` during a long job: the job notices, cleans up and the process exits 130 (SIGINT) or 143 (SIGTERM).
enum Interrupt {
    private static let signalNumber = Atomic<Int32>(0)

    static func install() {
        // Over a file-size limit (`ulimit -f`) a write then fails with EFBIG and the job cleans up, instead of
        // SIGXFSZ killing the process with its partial file left behind.
        signal(SIGXFSZ, SIG_IGN)
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in Interrupt.signalNumber.store(received, ordering: .relaxed) }
        }
    }

    /// Runs `body` as a task that SIGINT or SIGTERM cancels (with the whole tree of tasks under it), the signal
    /// recorded as ``install()`` records it.
    static func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        signal(SIGXFSZ, SIG_IGN)
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signalNumber.store(number, ordering: .relaxed)
                task.cancel()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await task.value
    }

    @Sendable static func requested() -> Bool { signalNumber.load(ordering: .relaxed) != 0 }

    /// The exit status for the signal received: 128 + its number.
    static var exitCode: ExitCode { ExitCode(128 + max(signalNumber.load(ordering: .relaxed), SIGINT)) }
}
