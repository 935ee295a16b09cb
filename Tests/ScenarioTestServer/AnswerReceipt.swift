/// Marks a logged request answered once FlyingFox lets go of its answer: after the last byte is
/// written, the connection dropped, or the handler gave up.
final class AnswerReceipt: Sendable {
    private let state: ServerState
    private let index: Int

    /// - Parameter index: the request's place in the log, from `ServerState.record(_:)`.
    init(state: ServerState, index: Int) {
        self.state = state
        self.index = index
    }

    deinit { state.markAnswered(index) }
}
