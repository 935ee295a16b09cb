import FlyingSocks
import Synchronization

/// FlyingFox's logger for the server: silent, but counts the connections FlyingFox accepts.
///
/// FlyingFox has no hook for an accepted connection other than the `<peer> open connection` line it
/// logs for each one, so this counts those lines.
final class ConnectionLog: Logging {
    private let opened = Atomic(0)

    /// The TCP connections accepted so far.
    var count: Int { opened.load(ordering: .relaxed) }

    func logInfo(_ info: @autoclosure () -> String) {
        if info().hasSuffix(" open connection") { opened.add(1, ordering: .relaxed) }
    }

    func logDebug(_ debug: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) {}
    func logError(_ error: @autoclosure () -> String) {}
    func logCritical(_ critical: @autoclosure () -> String) {}
}
