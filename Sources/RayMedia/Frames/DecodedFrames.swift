/// Frames of a clip decoded in one forward pass, in ascending frame order: what `Clip.frames(at:)`
/// and `Clip.frames16(at:)` return.
///
/// Each frame is decoded when the iterator asks for it, on a Dispatch thread; iterating again decodes again.
public struct DecodedFrames<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = MediaError
    private let makePass: @Sendable () -> FramePass<Element>

    init(_ makePass: @escaping @Sendable () -> FramePass<Element>) {
        self.makePass = makePass
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(pass: makePass())
    }

    /// Decodes the next frame when asked.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        public typealias Failure = MediaError
        private let pass: FramePass<Element>

        init(pass: FramePass<Element>) {
            self.pass = pass
        }

        /// The next frame in ascending order; nil after the last.
        ///
        /// - Throws: `MediaError` naming the file: a bad clip, a frame outside it, or `.cancelled` when the task is.
        public mutating func next() async throws(MediaError) -> Element? {
            if Task.isCancelled { throw MediaError(.cancelled, file: pass.clip.path, "stopped: frames no longer wanted") }
            let pass = pass
            return try await Clip.offThePool { () throws(MediaError) in try pass.next() }
        }

        /// The next frame, as `next()` gives it (the decoding runs on a Dispatch thread whatever the caller's actor).
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(MediaError) -> Element? {
            try await next()
        }
    }
}
