import Foundation

/// The async frame API an app uses: probe, one frame, or many frames in one pass.
///
/// Decoding runs on a Dispatch thread, never on Swift's concurrency threads. The synchronous
/// `probe()` stays for callers outside async code; in async code Swift picks these.
extension Clip {
    /// The probe, with the exact frame count from the clip's frame index (worked out once per clip).
    ///
    /// - Throws: `MediaError` naming the file: missing, empty, not media, truncated, no video.
    public func probe() async throws(MediaError) -> ProbeResult {
        try await Self.offThePool { () throws(MediaError) in try self.probe() }
    }

    /// Decodes frame `index` as a player shows it: the pixels `raykit frames` writes as PNG.
    ///
    /// - Parameter index: frame number in presentation order, counted from 0.
    /// - Throws: `MediaError` naming the file: a bad clip, or an index outside the clip.
    public func frame(at index: Int) async throws(MediaError) -> DecodedFrame {
        try await Self.offThePool { () throws(MediaError) in try FramePass(self, [index], depth: .eight, output: DecodedFrame.init).next()! }
    }

    /// Decodes frame `index` at 16 bits a sample, not tone-mapped (see `DecodedFrame16`).
    ///
    /// - Parameter index: frame number in presentation order, counted from 0.
    /// - Throws: `MediaError` naming the file: a bad clip, or an index outside the clip.
    public func frame16(at index: Int) async throws(MediaError) -> DecodedFrame16 {
        try await Self.offThePool { () throws(MediaError) in try FramePass(self, [index], depth: .sixteen, output: DecodedFrame16.init).next()! }
    }

    /// Decodes several frames in one forward pass, each as `frame(at:)` gives it.
    ///
    /// The indexes may come in any order and repeat: they are sorted and each frame is given once, in
    /// ascending order. Every index is checked against the clip before anything is decoded.
    /// - Parameter indexes: frame numbers in presentation order, counted from 0.
    /// - Returns: a sequence that decodes the next frame when asked; iterating it throws `MediaError`
    ///   naming the file for a bad clip or an index outside it, `.cancelled` when the task is cancelled.
    public func frames(at indexes: some Sequence<Int>) -> DecodedFrames<DecodedFrame> {
        let targets = Array(Set(indexes)).sorted()
        return DecodedFrames { FramePass(self, targets, depth: .eight, output: DecodedFrame.init) }
    }

    /// Decodes several frames in one forward pass at 16 bits a sample, as `frame16(at:)` gives them;
    /// sorted and de-duplicated as `frames(at:)` does.
    public func frames16(at indexes: some Sequence<Int>) -> DecodedFrames<DecodedFrame16> {
        let targets = Array(Set(indexes)).sorted()
        return DecodedFrames { FramePass(self, targets, depth: .sixteen, output: DecodedFrame16.init) }
    }

    /// Runs blocking decode work on a Dispatch thread and awaits it.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws(MediaError) -> T) async throws(MediaError) -> T {
        let result: Result<T, MediaError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Result(catching: work)) }
        }
        return try result.get()
    }
}
