import CFFmpeg

/// Owns one `AVFrame`.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() {
        guard let frame = av_frame_alloc() else { fatalError("av_frame_alloc: out of memory") }
        pointer = frame
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }

    var width: Int32 { pointer.pointee.width }
    var height: Int32 { pointer.pointee.height }
    var pixelFormat: AVPixelFormat { AVPixelFormat(rawValue: pointer.pointee.format) }
    /// Presentation timestamp: the frame's pts, or libavcodec's best guess when the stream has none.
    var timestamp: Int64 {
        let pts = pointer.pointee.pts
        return pts != rk_AV_NOPTS_VALUE() ? pts : pointer.pointee.best_effort_timestamp
    }

    func unref() { av_frame_unref(pointer) }
}
