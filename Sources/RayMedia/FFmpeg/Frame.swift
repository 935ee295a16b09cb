internal import CFFmpeg

/// Owns one `AVFrame`.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() {
        guard let frame = av_frame_alloc() else { fatalError("av_frame_alloc: out of memory") }
        pointer = frame
    }

    private init(owning frame: UnsafeMutablePointer<AVFrame>) {
        pointer = frame
    }

    /// A new reference to the same picture (no pixel copy), safe to keep after the decoder moves on.
    func reference() -> Frame {
        guard let copy = av_frame_clone(pointer) else { fatalError("av_frame_clone: out of memory") }
        return Frame(owning: copy)
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

    /// The frame in `slot` if it already has this shape and can be written, else a new one stored there.
    static func reusing(_ slot: inout Frame?, _ format: AVPixelFormat, width: Int, height: Int) -> Frame {
        if let frame = slot, frame.pixelFormat == format, Int(frame.width) == width, Int(frame.height) == height,
           av_frame_make_writable(frame.pointer) >= 0 {
            return frame
        }
        let frame = Frame(allocating: format, width: width, height: height)
        slot = frame
        return frame
    }

    /// Start of row `y` of the first plane.
    func row(_ y: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(pointer.pointee.data.0! + y * Int(pointer.pointee.linesize.0))
    }

    /// Start of row `y` of plane `plane` (0 to 2) of an 8-bit planar frame.
    func row(_ y: Int, plane: Int) -> UnsafeMutablePointer<UInt8> {
        let f = pointer.pointee
        let (data, stride) = switch plane {
        case 0: (f.data.0, f.linesize.0)
        case 1: (f.data.1, f.linesize.1)
        default: (f.data.2, f.linesize.2)
        }
        return data! + y * Int(stride)
    }

    /// Fills this packed RGB frame with `source` (same format: RGB24, RGB48) turned `degrees` clockwise, mirrored left-right first if asked.
    func orientRGB(from source: Frame, clockwise degrees: Int, mirrored: Bool) {
        Self.orient(from: source.row(0), stride: Int(source.pointer.pointee.linesize.0), width: Int(source.width), height: Int(source.height),
                    into: row(0), stride: Int(pointer.pointee.linesize.0),
                    bytesPerPixel: Int(av_pix_fmt_desc_get(source.pixelFormat)!.pointee.comp.0.step), clockwise: degrees, mirrored: mirrored)
    }

    /// Fills this planar 4:2:0 frame with `source` (same format) turned `degrees` clockwise, mirrored first if asked.
    func orientPlanes(from source: Frame, clockwise degrees: Int, mirrored: Bool) {
        let descriptor = av_pix_fmt_desc_get(source.pixelFormat)!.pointee
        let bytes = Int(descriptor.comp.0.step)
        let planes = [(pointer.pointee.data.0, pointer.pointee.linesize.0, source.pointer.pointee.data.0, source.pointer.pointee.linesize.0, 0),
                      (pointer.pointee.data.1, pointer.pointee.linesize.1, source.pointer.pointee.data.1, source.pointer.pointee.linesize.1, 1),
                      (pointer.pointee.data.2, pointer.pointee.linesize.2, source.pointer.pointee.data.2, source.pointer.pointee.linesize.2, 1)]
        for (dst, dstStride, src, srcStride, chroma) in planes {
            guard let dst, let src else { continue }
            let shiftW = chroma == 1 ? Int(descriptor.log2_chroma_w) : 0, shiftH = chroma == 1 ? Int(descriptor.log2_chroma_h) : 0
            let w = (Int(source.width) + (1 << shiftW) - 1) >> shiftW, h = (Int(source.height) + (1 << shiftH) - 1) >> shiftH
            Self.orient(from: UnsafeMutableRawPointer(src), stride: Int(srcStride), width: w, height: h,
                        into: UnsafeMutableRawPointer(dst), stride: Int(dstStride), bytesPerPixel: bytes, clockwise: degrees, mirrored: mirrored)
        }
    }

    /// Turns one packed plane: pixel (x, y) of the source, mirrored first if asked, lands where a
    /// `degrees` clockwise turn puts it.
    private static func orient(from src: UnsafeMutableRawPointer, stride srcStride: Int, width sw: Int, height sh: Int,
                               into dst: UnsafeMutableRawPointer, stride dstStride: Int, bytesPerPixel bpp: Int,
                               clockwise degrees: Int, mirrored: Bool) {
        for y in 0..<sh {
            let srcRow = src + y * srcStride
            for x0 in 0..<sw {
                let x = mirrored ? sw - 1 - x0 : x0
                let (dx, dy): (Int, Int) = switch degrees {
                case 90: (sh - 1 - y, x0)
                case 180: (sw - 1 - x0, sh - 1 - y)
                case 270: (y, sw - 1 - x0)
                default: (x0, y)
                }
                (dst + dy * dstStride + dx * bpp).copyMemory(from: srcRow + x * bpp, byteCount: bpp)
            }
        }
    }

    /// Copies the first plane's rows (packed formats) into a tight byte array.
    func packedBytes(bytesPerPixel: Int) -> [UInt8] {
        let rowBytes = Int(width) * bytesPerPixel
        let stride = Int(pointer.pointee.linesize.0)
        let base = pointer.pointee.data.0!
        return [UInt8](unsafeUninitializedCapacity: rowBytes * Int(height)) { buffer, count in
            for y in 0..<Int(height) {
                UnsafeMutableRawPointer(buffer.baseAddress! + y * rowBytes).copyMemory(from: base + y * stride, byteCount: rowBytes)
            }
            count = rowBytes * Int(height)
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
