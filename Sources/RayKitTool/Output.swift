import ArgumentParser
import Foundation
import RayMedia
import RayModels
import RayPipeline

/// Writing results and errors the same way in every subcommand.
enum Output {
    /// Stable, pretty JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[Remedy.spellerKey] = Remedy.flag
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One line on stderr: `raykit: <message>`, with the flag that helps where there is one.
    static func error(_ error: any Error, origin: Recovery.Origin = .single) {
        var message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        if let remedy = (error as? PipelineError)?.remedy, let advice = Recovery.advice(remedy, from: origin) { message += ": \(advice)" }
        if (error as? MediaError)?.kind == .outputExists { message += " (use --force to overwrite)" }
        if let media = error as? MediaError, media.kind == .notVideoStream {
            // Only an explicit stream choice gets this far: say which flag made it.
            message += ": --stream takes a video stream's index"
        }
        standardError("raykit: \(oneLine(message))\n")
    }

    /// Writes to stderr, never failing: a stderr that is closed, full or over the file-size limit
    /// (`FileHandle.write` traps then) must not turn an error report into a crash.
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// `message` on one line: control characters in it (a file name with a newline, say) written as
    /// escapes (`\n`, `\u{1B}`), so an error, or a line on stdout that names a file, is always exactly one line.
    static func oneLine(_ message: String) -> String {
        var line = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: line += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }

    /// Runs `body`; a library error becomes one line on stderr and exit status 1 (130 or 143 when interrupted).
    ///
    /// - Parameter origin: where a run's recovery advice points (the same command, or a pipeline's manifest).
    static func reporting(origin: Recovery.Origin = .single, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as MediaError {
            self.error(error)
            throw error.kind == .cancelled ? Interrupt.exitCode : ExitCode.failure
        } catch let error as LocalizedError {
            self.error(error, origin: origin)
            throw ExitCode.failure
        }
    }

    /// Runs `body` as a task that SIGINT and SIGTERM cancel; a library error becomes one line on stderr and
    /// exit status 1, a stop 130 or 143.
    ///
    /// - Parameter origin: where a run's recovery advice points (the same command, or a pipeline's manifest).
    static func cancellable(origin: Recovery.Origin = .single, _ body: @escaping @Sendable () async throws -> Void) async throws {
        do {
            try await Interrupt.cancelling(body)
        } catch let error as ExitCode {
            throw error
        } catch {
            if Interrupt.requested() { throw Interrupt.exitCode }
            try reporting(origin: origin) { throw error }
        }
    }

    /// `1.500 s`.
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
