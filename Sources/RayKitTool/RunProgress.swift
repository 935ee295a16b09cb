import Foundation
import RayAPI
import RayPipeline

/// Shows a run's events on stderr. Notes (submitted, a warning, a poll's trouble) are lines. On a terminal,
/// each item's current activity is one line, all redrawn together below the notes (as `docker pull` does);
/// elsewhere a timestamped line is written when an item's activity changes phase. Quiet shows nothing.
final class RunProgress: @unchecked Sendable {
    private let terminal: Bool
    private let quiet: Bool
    private let lock = NSLock()
    private var items: [String] = []
    private var lines: [String: String] = [:]
    private var phases: [String: String] = [:]
    /// Board lines on screen below the last note.
    private var drawn = 0

    init(quiet: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1) {
        (self.quiet, self.terminal) = (quiet, terminal)
    }

    func show(_ event: RunEvent) {
        guard !quiet else { return }
        lock.withLock {
            if let note = event.note { write(note: "\(event.item): \(note)") }
            if let activity = event.activity { update(event.item, activity) }
        }
    }

    private func write(note: String) {
        let line = Output.oneLine(note)
        guard terminal else { return Output.standardError("\(Self.clock()) \(line)\n") }
        Output.standardError(erase() + line + "\n" + board())
    }

    private func update(_ item: String, _ activity: Activity) {
        if !items.contains(item) { items.append(item) }
        if !terminal {
            guard phases[item] != activity.phase else { return }
            phases[item] = activity.phase
            return Output.standardError("\(Self.clock()) \(Output.oneLine("\(item): \(activity.phase)"))\n")
        }
        lines[item] = Output.oneLine("\(item): \(Self.describe(activity))")
        Output.standardError(erase() + board())
    }

    /// Moves up over the board and clears it.
    private func erase() -> String {
        defer { drawn = 0 }
        return drawn == 0 ? "" : "\u{1B}[\(drawn)A\r\u{1B}[J"
    }

    /// The board, each line cut to the terminal's width so that none wraps.
    private func board() -> String {
        let width = Self.columns()
        let shown = items.compactMap { lines[$0] }
        drawn = shown.count
        return shown.map { String($0.prefix(width - 1)) + "\n" }.joined()
    }

    /// `edit job_1 in-progress 45%`, `uploading clip.mp4 45% 42.1/94.0 MB 1.2 MB/s 40 s left`, `waiting for a place, next try in 7 s`.
    static func describe(_ activity: Activity) -> String {
        var parts = [activity.phase]
        if let fraction = activity.fraction { parts.append(String(format: "%.0f%%", fraction * 100)) }
        if let transfer = activity.transfer { parts.append(describe(transfer)) }
        if let countdown = activity.countdown { parts.append("next try in \(Int(countdown.rounded(.up))) s") }
        return parts.joined(separator: "  ")
    }

    /// `45%  42.1/94.0 MB  1.2 MB/s  40 s left`; without a total, the bytes and the rate.
    static func describe(_ transfer: TransferProgress) -> String {
        let rate = transfer.elapsed > 0.5 ? Double(transfer.bytes) / transfer.elapsed : nil
        guard let total = transfer.total, total > 0 else {
            return [megabytes(transfer.bytes) + " MB", rate.map { String(format: "%.1f MB/s", $0 / 1e6) }].compactMap { $0 }.joined(separator: "  ")
        }
        var parts = [String(format: "%.0f%%", Double(transfer.bytes) / Double(total) * 100), "\(megabytes(transfer.bytes))/\(megabytes(total)) MB"]
        if let rate, rate > 0 {
            parts.append(String(format: "%.1f MB/s", rate / 1e6))
            parts.append("\(Int((Double(total - transfer.bytes) / rate).rounded(.up))) s left")
        }
        return parts.joined(separator: "  ")
    }

    private static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1e6) }

    private static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }

    private static func columns() -> Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
    }
}
