import FlyingFox

/// The answer of `Fault.dropConnection`: a WebSocket upgrade that fails before its `101` is written.
///
/// FlyingFox asks a WebSocket handler for its frames before it writes the upgrade's answer, and
/// closes the connection when that throws, so the client reads no byte at all. This is the one way
/// FlyingFox's public API closes a connection without answering.
struct DroppedConnection: WSHandler {
    let receipt: AnswerReceipt

    /// Why the connection closed.
    struct Dropped: Error {}

    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
