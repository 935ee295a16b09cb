import CFFmpeg

/// Owns a libswscale context, rebuilt only when the input or output shape changes.
final class Scaler {
    private var context: OpaquePointer?

    deinit { sws_freeContext(context) }

    /// Converts and scales `frame` into `planes`/`strides` of `format` at `width × height`.
    ///
    /// - Parameters:
    ///   - colorspace: the source's YUV matrix (unspecified: BT.709 from 720 lines up, else BT.601, as players guess).
    func scale(_ frame: Frame, to format: AVPixelFormat, width: Int32, height: Int32,
               planes: [UnsafeMutablePointer<UInt8>?], strides: [Int32]) {
        let f = frame.pointer.pointee
        context = sws_getCachedContext(context, f.width, f.height, frame.pixelFormat,
                                       width, height, format, SWS_BICUBIC, nil, nil, nil)
        precondition(context != nil, "libswscale cannot convert \(frame.pixelFormat) to \(format)")
        configureColor(source: f)
        withUnsafePointer(to: f.data) { data in
            withUnsafePointer(to: f.linesize) { linesize in
                data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { src in
                    linesize.withMemoryRebound(to: Int32.self, capacity: 8) { srcStride in
                        _ = sws_scale(context, src, srcStride, 0, f.height, planes, strides)
                    }
                }
            }
        }
    }

    /// Tells swscale the source's matrix and range so colours come out as a player shows them.
    private func configureColor(source f: AVFrame) {
        let space: Int32 = switch f.colorspace {
        case AVCOL_SPC_BT709: SWS_CS_ITU709
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: SWS_CS_BT2020
        case AVCOL_SPC_SMPTE170M, AVCOL_SPC_BT470BG: SWS_CS_ITU601
        default: f.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601
        }
        var invTable: UnsafeMutablePointer<Int32>?, table: UnsafeMutablePointer<Int32>?
        var srcRange: Int32 = 0, dstRange: Int32 = 0, brightness: Int32 = 0, contrast: Int32 = 0, saturation: Int32 = 0
        sws_getColorspaceDetails(context, &invTable, &srcRange, &table, &dstRange, &brightness, &contrast, &saturation)
        let coefficients = sws_getCoefficients(space)
        let fullRange: Int32 = f.color_range == AVCOL_RANGE_JPEG || isJPEGFormat(f) ? 1 : 0
        sws_setColorspaceDetails(context, coefficients, fullRange, table, dstRange, brightness, contrast, saturation)
    }

    private func isJPEGFormat(_ f: AVFrame) -> Bool {
        let format = AVPixelFormat(rawValue: f.format)
        return format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
    }
}
