internal import CFFmpeg
import Foundation

/// Routes FFmpeg's log lines away from the terminal.
///
/// By default nothing is printed; the last error line logged against each context we
/// own is kept so a failure can quote it. With `verbose` every line goes to stderr.
public enum FFmpegLog {
    private struct State {
        var verbose = false
        var installed = false
        /// Last error line per owned context (AVFormatContext / AVCodecContext address).
        var lastError: [UInt: String] = [:]
    }

    private static let state = Locked(State())

    /// Prints FFmpeg's own log lines on stderr (the CLI's `--verbose`).
    public static func setVerbose(_ on: Bool) {
        install()
        state.withLock { $0.verbose = on }
    }

    /// Whether FFmpeg's lines are being shown.
    static var isVerbose: Bool { state.withLock { $0.verbose } }

    /// Installs the callback once; every owner type calls it before touching FFmpeg.
    static func install() {
        let first = state.withLock { s -> Bool in
            defer { s.installed = true }
            return !s.installed
        }
        guard first else { return }
        av_log_set_callback { avcl, level, format, arguments in
            // Debug and trace lines (a demuxer may log one per sample) are never shown: dropped before any lock.
            guard level <= AV_LOG_VERBOSE, let format, let arguments else { return }
            FFmpegLog.receive(context: avcl, level: level, format: format, arguments: arguments)
        }
    }

    /// Starts keeping errors for a context we own.
    static func track(_ context: UnsafeRawPointer) {
        state.withLock { $0.lastError[UInt(bitPattern: context)] = "" }
    }

    /// Stops keeping errors for a context about to be freed.
    static func forget(_ context: UnsafeRawPointer) {
        _ = state.withLock { $0.lastError.removeValue(forKey: UInt(bitPattern: context)) }
    }

    /// The last error line logged for `context`, if it logged one.
    static func lastError(for context: UnsafeRawPointer?) -> String? {
        guard let context else { return nil }
        return state.withLock { s in s.lastError[UInt(bitPattern: context)].flatMap { $0.isEmpty ? nil : $0 } }
    }

    private static func receive(context: UnsafeMutableRawPointer?, level: Int32, format: UnsafePointer<CChar>, arguments: CVaListPointer) {
        let (verbose, keep) = state.withLock { ($0.verbose, level <= AV_LOG_ERROR) }
        guard verbose || keep, level <= (verbose ? AV_LOG_VERBOSE : AV_LOG_ERROR) else { return }
        var buffer = [CChar](repeating: 0, count: 1024)
        var printPrefix: Int32 = 1
        av_log_format_line2(context, level, format, arguments, &buffer, Int32(buffer.count), &printPrefix)
        let line = String(nulTerminated: buffer).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { return }
        if verbose {
            // write(2), not FileHandle: a stderr that cannot take it must not trap.
            let text = Array("ffmpeg: \(line)\n".utf8)
            _ = text.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        if keep {
            let message = strippingPrefix(line)
            state.withLock { s in
                if let context, s.lastError[UInt(bitPattern: context)] != nil {
                    s.lastError[UInt(bitPattern: context)] = message
                }
            }
        }
    }

    /// `[mov,mp4,… @ 0x55…] moov atom not found` → `moov atom not found`.
    private static func strippingPrefix(_ line: String) -> String {
        var rest = Substring(line)
        while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
        }
        return String(rest)
    }
}
