import ArgumentParser
import Foundation
import RayMedia

/// Writing results and errors the same way in every subcommand.
enum Output {
    /// Stable, pretty JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One line on stderr: `raykit: <message>`, with the flag that helps where there is one.
    static func error(_ error: any Error) {
        var message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        if (error as? MediaError)?.kind == .outputExists { message += " (use --force to overwrite)" }
        if let media = error as? MediaError, media.kind == .notVideoStream {
            // Only an explicit stream choice gets this far: say which flag made it.
            message += ": --stream takes a video stream's index"
        }
        FileHandle.standardError.write(Data("raykit: \(message)\n".utf8))
    }

    /// Runs `body`; a library error becomes one line on stderr and exit status 1 (130 or 143 when interrupted).
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as MediaError {
            self.error(error)
            throw error.kind == .cancelled ? Interrupt.exitCode : ExitCode.failure
        } catch let error as LocalizedError {
            self.error(error)
            throw ExitCode.failure
        }
    }

    /// `1.500 s`.
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
