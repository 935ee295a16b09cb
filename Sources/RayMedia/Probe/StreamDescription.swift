internal import CFFmpeg
import RayCanvas

/// What a player needs to show a video stream right: pixel shape, orientation, dynamic range.
struct StreamDescription {
    let orientation: Orientation
    let sampleAspectRatio: AspectRatio
    let hdr: HDRKind

    /// Reads the stream's parameters; with a decoded `frame`, the bitstream's own pixel shape and
    /// transfer fill in what the container left unsaid.
    init(_ stream: UnsafeMutablePointer<AVStream>, frame: Frame? = nil) {
        orientation = Orientation(stream)
        let sar = av_guess_sample_aspect_ratio(nil, stream, frame?.pointer)
        let par = stream.pointee.codecpar.pointee
        sampleAspectRatio = Self.isUsable(sar, width: frame.map { Int($0.width) } ?? Int(par.width), height: frame.map { Int($0.height) } ?? Int(par.height))
            ? AspectRatio(Int(sar.num), Int(sar.den)) : AspectRatio(1, 1)
        let transfer = stream.pointee.codecpar.pointee.color_trc
        hdr = HDRKind(transfer: transfer == AVCOL_TRC_UNSPECIFIED ? frame?.pointer.pointee.color_trc ?? transfer : transfer)
    }
}

extension StreamDescription {
    /// Whether a pixel shape can be shown at this coded size: as libavcodec judges it (no side scaled
    /// to nothing), and the picture it stretches to one libavutil can allocate. A corrupt one (175:12636
    /// on a 32-pixel-wide picture) is taken as square pixels, as decoders ignore an invalid one.
    static func isUsable(_ sar: AVRational, width: Int, height: Int) -> Bool {
        guard sar.num > 0, sar.den > 0 else { return false }
        guard width > 0, height > 0 else { return true }
        guard av_image_check_sar(UInt32(width), UInt32(height), sar) == 0 else { return false }
        let displayWidth = (Double(width) * Double(sar.num) / Double(sar.den)).rounded()
        return displayWidth >= 1 && displayWidth <= 32768 && av_image_check_size(UInt32(displayWidth), UInt32(height), 0, nil) == 0
    }
}

extension HDRKind {
    /// The verdict for a transfer characteristic: HLG and PQ are HDR, everything else SDR.
    init(transfer: AVColorTransferCharacteristic) {
        switch transfer {
        case AVCOL_TRC_ARIB_STD_B67: self = .hlg
        case AVCOL_TRC_SMPTE2084: self = .pq
        default: self = .sdr
        }
    }
}
