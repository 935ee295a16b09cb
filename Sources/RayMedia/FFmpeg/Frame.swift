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

    /// A frame with its own padded, aligned buffers (safe for swscale's SIMD writes).
    convenience init(allocating format: AVPixelFormat, width: Int, height: Int) {
        self.init()
        pointer.pointee.format = format.rawValue
        pointer.pointee.width = Int32(width)
        pointer.pointee.height = Int32(height)
        guard av_frame_get_buffer(pointer, 0) >= 0 else { fatalError("av_frame_get_buffer: out of memory") }
    }

    /// Copies the first plane's rows (packed formats) into a tight array of `T`.
    func packedPixels<T: FixedWidthInteger>(of _: T.Type, bytesPerPixel: Int) -> [T] {
        let rowBytes = Int(width) * bytesPerPixel
        let stride = Int(pointer.pointee.linesize.0)
        let base = pointer.pointee.data.0!
        return [T](unsafeUninitializedCapacity: rowBytes * Int(height) / MemoryLayout<T>.size) { buffer, count in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
            for y in 0..<Int(height) { (raw + y * rowBytes).copyMemory(from: base + y * stride, byteCount: rowBytes) }
            count = rowBytes * Int(height) / MemoryLayout<T>.size
        }
    }

    /// Copies tight packed rows (`width × bytesPerPixel` bytes each) into the first plane.
    func setPackedPixels(_ bytes: UnsafeRawBufferPointer, bytesPerPixel: Int) {
        let rowBytes = Int(width) * bytesPerPixel
        let stride = Int(pointer.pointee.linesize.0)
        for y in 0..<Int(height) {
            (pointer.pointee.data.0! + y * stride).update(from: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + y * rowBytes, count: rowBytes)
        }
    }
}
