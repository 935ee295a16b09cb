import Foundation

/// Converts, encodes and writes stills on worker threads while the decoder moves on.
///
/// At most `cores + 1` frames are in flight, so memory stays bounded however many stills are asked for.
final class StillWriter: @unchecked Sendable {
    private let request: StillRequest
    private let makeConverter: @Sendable () -> FrameConverter
    private let onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)?
    private let group = DispatchGroup()
    private let slots = DispatchSemaphore(value: ProcessInfo.processInfo.activeProcessorCount + 1)
    private let lock = NSLock()
    /// Idle workers' tools, one set per worker that has run (each keeps its buffers and contexts).
    private var idle: [Tools] = []
    private var failure: MediaError?
    /// The stills written so far, to take back when the extraction fails or is stopped.
    private var written: [String] = []

    init(request: StillRequest, makeConverter: @escaping @Sendable () -> FrameConverter,
         onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)?) {
        self.request = request
        self.makeConverter = makeConverter
        self.onStill = onStill
    }

    /// Queues `frame` (a reference the writer now owns) to be written as `still`.
    ///
    /// - Throws: the first failure of an earlier still, so the caller stops decoding.
    func submit(_ frame: Frame, as still: ExtractedStill) throws(MediaError) {
        if let failure = lock.withLock({ failure }) { throw failure }
        slots.wait()
        let job = Job(frame: frame)
        DispatchQueue.global().async(group: group) { [self] in
            defer { slots.signal() }
            let tools = lock.withLock { idle.popLast() } ?? Tools(converter: makeConverter())
            defer { lock.withLock { idle.append(tools) } }
            do throws(MediaError) {
                let rgb = tools.converter.convert(job.frame)
                try AtomicFile.write(try tools.encoder(for: rgb, request).encode(rgb: rgb), to: still.file, overwrite: request.overwrite)
                lock.withLock { written.append(still.file) }
                onStill?(still, RGBImage(rgb: rgb))
            } catch {
                let error = error
                lock.withLock { if failure == nil { failure = error } }
            }
        }
    }

    /// Waits for every queued still; throws the first failure.
    func finish() throws(MediaError) {
        group.wait()
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    /// Waits for the queued stills, then removes every still this writer wrote: a failed or stopped
    /// extraction leaves nothing of its own behind.
    func discard() {
        group.wait()
        for path in lock.withLock({ written }) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// What one worker needs: a converter and an encoder for the stills' size.
    private final class Tools {
        let converter: FrameConverter
        private var encoder: ImageEncoder?

        init(converter: FrameConverter) { self.converter = converter }

        func encoder(for rgb: Frame, _ request: StillRequest) throws(MediaError) -> ImageEncoder {
            if let encoder, encoder.width == Int(rgb.width), encoder.height == Int(rgb.height) { return encoder }
            let made = try ImageEncoder(format: request.format, width: Int(rgb.width), height: Int(rgb.height), quality: request.quality)
            encoder = made
            return made
        }
    }

    /// A frame handed to one worker, touched by nobody else.
    private struct Job: @unchecked Sendable {
        let frame: Frame
    }
}
