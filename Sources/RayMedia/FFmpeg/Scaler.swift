import CFFmpeg

/// Owns a libswscale context, rebuilt only when the input or output shape changes.
final class Scaler {
    private var context: OpaquePointer?

    deinit { sws_freeContext(context) }

    /// Converts and scales `source` into `destination` (both with buffers from libavutil: swscale may
    /// read and write past a row's last pixel).
    ///
    /// - Parameter sourceIsVideo: `source` is a decoded frame whose matrix and range describe its YUV.
    func convert(_ source: Frame, into destination: Frame, sourceIsVideo: Bool = true) {
        let s = source.pointer.pointee, d = destination.pointer.pointee
        context = sws_getCachedContext(context, s.width, s.height, source.pixelFormat, d.width, d.height, destination.pixelFormat,
                                       SWS_BICUBIC, nil, nil, nil)
        precondition(context != nil, "libswscale cannot convert \(source.pixelFormat) to \(destination.pixelFormat)")
        configureColor(source: sourceIsVideo ? s : nil, destination: d)
        withUnsafePointer(to: s.data) { srcData in
            withUnsafePointer(to: s.linesize) { srcStride in
                withUnsafePointer(to: d.data) { dstData in
                    withUnsafePointer(to: d.linesize) { dstStride in
                        _ = sws_scale(context,
                                      UnsafeRawPointer(srcData).assumingMemoryBound(to: UnsafePointer<UInt8>?.self),
                                      UnsafeRawPointer(srcStride).assumingMemoryBound(to: Int32.self), 0, s.height,
                                      UnsafeRawPointer(dstData).assumingMemoryBound(to: UnsafeMutablePointer<UInt8>?.self),
                                      UnsafeRawPointer(dstStride).assumingMemoryBound(to: Int32.self))
                    }
                }
            }
        }
    }

    /// Tells swscale the YUV matrix and ranges so colours come out as a player shows them.
    ///
    /// YUV → YUV keeps the source's matrix unless the destination frame names another; RGB → YUV uses
    /// the destination frame's matrix (BT.601 when it names none, as JPEG wants).
    private func configureColor(source: AVFrame?, destination: AVFrame) {
        var invTable: UnsafeMutablePointer<Int32>?, table: UnsafeMutablePointer<Int32>?
        var srcRange: Int32 = 0, dstRange: Int32 = 0, brightness: Int32 = 0, contrast: Int32 = 0, saturation: Int32 = 0
        sws_getColorspaceDetails(context, &invTable, &srcRange, &table, &dstRange, &brightness, &contrast, &saturation)
        if let f = source {
            invTable = UnsafeMutablePointer(mutating: sws_getCoefficients(Self.matrix(of: f)))
            srcRange = f.color_range == AVCOL_RANGE_JPEG || Self.isFullRangeFormat(AVPixelFormat(rawValue: f.format)) ? 1 : 0
        }
        if destination.colorspace != AVCOL_SPC_UNSPECIFIED {
            table = UnsafeMutablePointer(mutating: sws_getCoefficients(Self.matrix(of: destination)))
        } else if source != nil {
            table = invTable
        }
        dstRange = Self.isFullRangeFormat(AVPixelFormat(rawValue: destination.format)) || destination.color_range == AVCOL_RANGE_JPEG ? 1 : 0
        sws_setColorspaceDetails(context, invTable, srcRange, table, dstRange, brightness, contrast, saturation)
    }

    /// The swscale matrix for a frame; untagged video is guessed as players do (BT.709 from 720 lines up).
    private static func matrix(of f: AVFrame) -> Int32 {
        switch f.colorspace {
        case AVCOL_SPC_BT709: SWS_CS_ITU709
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: SWS_CS_BT2020
        case AVCOL_SPC_SMPTE170M, AVCOL_SPC_BT470BG: SWS_CS_ITU601
        default: f.height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601
        }
    }

    private static func isFullRangeFormat(_ format: AVPixelFormat) -> Bool {
        format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P
    }
}
