import Foundation

/// Converts, encodes and writes stills on worker threads while the decoder moves on.
///
/// At most `cores + 1` frames are in flight, fewer for big pictures (see `inFlightLimit`), so memory stays
/// bounded however many stills are asked for and however many cores there are.
final class StillWriter: @unchecked Sendable {
    private let request: StillRequest
    private let makeConverter: @Sendable () -> FrameConverter
    private let onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)?
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    /// Idle workers' tools, one set per worker that has run (each keeps its buffers and contexts).
    private var idle: [Tools] = []
    private var failure: MediaError?
    /// The stills written so far, to take back when the extraction fails or is stopped.
    private var written: [String] = []

    /// - Parameter pixels: coded width × height of the frames (sets how many may be in flight).
    init(request: StillRequest, pixels: Int, makeConverter: @escaping @Sendable () -> FrameConverter,
         onStill: (@Sendable (ExtractedStill, RGBImage) -> Void)?) {
        slots = DispatchSemaphore(value: Self.inFlightLimit(pixels: pixels, cores: ProcessInfo.processInfo.activeProcessorCount))
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

    /// Stills in flight at once: one per core and one more, but no more than fit in about 320 MB. A still in
    /// flight holds some 16 bytes a pixel (the decoded frame kept from the decoder's pool, its conversion to
    /// RGB, the PNG encoder's buffers; measured: 150 MB more peak RSS for a second 4K still in flight), so
    /// 4K keeps two in flight whatever the core count, while 1080p (33 MB) is limited by the cores alone.
    /// (`raykit frames` on 4K 10-bit HEVC, two cores: peak RSS 450 MB, was 451–476 MB with three in flight;
    /// on eight cores nine would have been in flight.)
    static func inFlightLimit(pixels: Int, cores: Int) -> Int {
        let perStill = max(1, pixels) * 16
        return max(1, min(cores + 1, (320 << 20) / perStill))
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
