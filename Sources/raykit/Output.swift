import Foundation

/// Writing results and errors the same way in every subcommand.
enum Output {
    /// Stable, pretty JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One line on stderr: `raykit: <message>`.
    static func error(_ error: any Error) {
        let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        FileHandle.standardError.write(Data("raykit: \(message)\n".utf8))
    }
}
