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
        sampleAspectRatio = sar.num > 0 && sar.den > 0 ? AspectRatio(Int(sar.num), Int(sar.den)) : AspectRatio(1, 1)
        let transfer = stream.pointee.codecpar.pointee.color_trc
        hdr = HDRKind(transfer: transfer == AVCOL_TRC_UNSPECIFIED ? frame?.pointer.pointee.color_trc ?? transfer : transfer)
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
