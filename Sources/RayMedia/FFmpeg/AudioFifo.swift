internal import CFFmpeg

/// Owns an `AVAudioFifo`: decoded samples waiting to fill an encoder's fixed-size frames.
final class AudioFifo {
    private let fifo: OpaquePointer

    init(format: AVSampleFormat, channels: Int32) {
        guard let fifo = av_audio_fifo_alloc(format, channels, 4096) else { fatalError("av_audio_fifo_alloc: out of memory") }
        self.fifo = fifo
    }

    deinit { av_audio_fifo_free(fifo) }

    /// Samples held.
    var count: Int { Int(av_audio_fifo_size(fifo)) }

    /// Appends the first `count` samples of `frame`.
    func append(_ frame: Frame, count: Int) {
        guard count > 0 else { return }
        let data = UnsafeRawPointer(frame.pointer.pointee.extended_data!).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        guard av_audio_fifo_write(fifo, UnsafeMutablePointer(mutating: data), Int32(count)) == Int32(count) else {
            fatalError("av_audio_fifo_write: out of memory")
        }
    }

    /// Drops the oldest `count` samples.
    func drop(_ count: Int) {
        if count > 0 { av_audio_fifo_drain(fifo, Int32(min(count, self.count))) }
    }

    /// Moves the oldest `count` samples into `frame` (its buffers allocated for at least `count`).
    func take(_ count: Int, into frame: Frame) {
        let data = UnsafeRawPointer(frame.pointer.pointee.extended_data!).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        _ = av_audio_fifo_read(fifo, UnsafeMutablePointer(mutating: data), Int32(count))
    }
}
