import FlyingSocks
import Foundation

/// An answer's body as FlyingFox writes it, chunk by chunk, holding the request's receipt until
/// the answer is done.
///
/// With a `cutOff`, it yields only that many bytes and then fails, so FlyingFox closes the connection
/// after a body shorter than the `Content-Length` it declared.
struct AnswerBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let data: Data
    /// How many bytes to send before closing; nil sends them all.
    let cutOff: Int?
    let receipt: AnswerReceipt

    /// Why a truncated answer stopped.
    struct Truncated: Error {}

    func makeAsyncIterator() -> Iterator {
        Iterator(remaining: cutOff.map { data.prefix($0) } ?? data, truncated: cutOff != nil && !data.isEmpty, receipt: receipt)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var remaining: Data
        let truncated: Bool
        let receipt: AnswerReceipt

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> Data? {
            if remaining.isEmpty {
                if truncated { throw Truncated() }
                return nil
            }
            let chunk = Data(remaining.prefix(count))
            remaining = Data(remaining.dropFirst(chunk.count))
            return chunk
        }
    }
}
