import Foundation

/// What reading a clip cost so far: opens of its file, packets read, frames decoded and seeks.
///
/// A claim such as "a crop opens its input once" or "stills decode only the frames they need" is
/// these counts, which tests assert and `--verbose` prints.
public struct ReadStats: Sendable, Equatable, Codable {
    /// Times the file (or the bytes in memory) was opened.
    public var opens = 0
    /// Times a demuxer started reading the clip from its start (each restart reads the header again).
    public var demuxerStarts = 0
    public var packetsRead = 0
    /// Video frames that came out of the decoder.
    public var framesDecoded = 0
    public var seeks = 0
}

/// The counters behind a clip's ``ReadStats``, shared by the readers of one clip.
final class ReadCounters: @unchecked Sendable {
    /// The file read, for ``ReadLedger``.
    let file: String
    private let lock = NSLock()
    private var stats = ReadStats()

    init(file: String) {
        self.file = file
        ReadLedger.note(self)
    }

    var snapshot: ReadStats { lock.withLock { stats } }

    func add(opens: Int = 0, demuxerStarts: Int = 0, packets: Int = 0, frames: Int = 0, seeks: Int = 0) {
        lock.withLock {
            stats.opens += opens
            stats.demuxerStarts += demuxerStarts
            stats.packetsRead += packets
            stats.framesDecoded += frames
            stats.seeks += seeks
        }
    }
}

/// What reading each file cost in this process, summed over every reader of it: what `--verbose` prints,
/// and how a test sees that a command opens each input once. Off (and holding nothing) until started.
public enum ReadLedger {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counters: [ReadCounters]?

    /// Keeps the counts of every file read from now on.
    public static func start() {
        lock.withLock { if counters == nil { counters = [] } }
    }

    /// Each file read since ``start()``, in the order first read, with its counts summed.
    public static func totals() -> [(file: String, stats: ReadStats)] {
        var totals: [(file: String, stats: ReadStats)] = []
        for counter in lock.withLock({ counters ?? [] }) {
            let stats = counter.snapshot
            if let i = totals.firstIndex(where: { $0.file == counter.file }) {
                totals[i].stats.add(stats)
            } else {
                totals.append((counter.file, stats))
            }
        }
        return totals
    }

    static func note(_ counter: ReadCounters) {
        lock.withLock { counters?.append(counter) }
    }
}

extension ReadStats {
    mutating func add(_ other: ReadStats) {
        opens += other.opens
        demuxerStarts += other.demuxerStarts
        packetsRead += other.packetsRead
        framesDecoded += other.framesDecoded
        seeks += other.seeks
    }

    /// `1 open, 3 demuxer starts, 1200 packets, 4 frames decoded, 2 seeks`.
    public var summary: String {
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what)\(n == 1 ? "" : "s")" }
        return [count(opens, "open"), count(demuxerStarts, "demuxer start"), count(packetsRead, "packet"),
                "\(framesDecoded) frame\(framesDecoded == 1 ? "" : "s") decoded", count(seeks, "seek")].joined(separator: ", ")
    }
}
