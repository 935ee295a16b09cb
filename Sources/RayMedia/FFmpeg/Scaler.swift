internal import CFFmpeg

/// Owns a libswscale context, rebuilt only when the input or output shape changes.
final class Scaler {
    private var context: OpaquePointer?
    /// libswscale's algorithm: bicubic for pictures people look at; area averaging for thumbnails measured by code.
    private let flags: Int32

    init(flags: Int32 = SWS_BICUBIC) { self.flags = flags }

    deinit { sws_freeContext(context) }

    /// Converts and scales `source` into `destination` (both with buffers from libavutil: swscale may
    /// read and write past a row's last pixel).
    ///
    /// - Parameter sourceIsVideo: `source` is a decoded frame whose matrix and range describe its YUV.
    func convert(_ source: Frame, into destination: Frame, sourceIsVideo: Bool = true) {
        let s = source.pointer.pointee, d = destination.pointer.pointee
        context = sws_getCachedContext(context, s.width, s.height, source.pixelFormat, d.width, d.height, destination.pixelFormat,
                                       flags, nil, nil, nil)
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
            let color = PictureColor(f, stream: nil, codedWidth: Int(f.width), codedHeight: Int(f.height))
            invTable = UnsafeMutablePointer(mutating: sws_getCoefficients(Self.coefficients(color.matrix)))
            srcRange = color.isFullRange ? 1 : 0
        }
        if destination.colorspace != AVCOL_SPC_UNSPECIFIED {
            table = UnsafeMutablePointer(mutating: sws_getCoefficients(Self.coefficients(destination.colorspace)))
        } else if source != nil {
            table = invTable
        }
        dstRange = PictureColor.isFullRangeFormat(AVPixelFormat(rawValue: destination.format)) || destination.color_range == AVCOL_RANGE_JPEG ? 1 : 0
        sws_setColorspaceDetails(context, invTable, srcRange, table, dstRange, brightness, contrast, saturation)
    }

    /// The swscale coefficients for a YUV matrix (untagged pictures are resolved by `PictureColor` first).
    private static func coefficients(_ matrix: AVColorSpace) -> Int32 {
        switch matrix {
        case AVCOL_SPC_BT709: SWS_CS_ITU709
        case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL: SWS_CS_BT2020
        case AVCOL_SPC_FCC: SWS_CS_FCC
        case AVCOL_SPC_SMPTE240M: SWS_CS_SMPTE240M
        default: SWS_CS_ITU601
        }
    }
}
