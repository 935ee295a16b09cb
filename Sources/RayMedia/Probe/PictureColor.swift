internal import CFFmpeg

/// The colour of a YUV picture: what the file tags, and for anything it leaves unsaid, what players assume.
///
/// Players (mpv, browsers, QuickTime) read an untagged picture by its size: HD (1280 wide or more, or
/// more than 576 lines) as BT.709, SD as BT.601 (625-line pictures with PAL primaries, the rest NTSC).
/// libswscale and the ffmpeg tool default to BT.601 whatever the size; RayKit follows the players, and
/// writes what it assumed into every file it encodes so that both read the result the same way.
struct PictureColor: Equatable {
    var primaries: AVColorPrimaries
    var transfer: AVColorTransferCharacteristic
    var matrix: AVColorSpace
    var range: AVColorRange

    /// Fills in what is unspecified (see the type's notes); tagged values are kept as they are.
    ///
    /// - Parameters:
    ///   - pixelFormat: `yuvj…` formats are full range when the range is not tagged.
    ///   - width, height: the coded picture size in pixels, for the HD/SD guess.
    init(primaries: AVColorPrimaries, transfer: AVColorTransferCharacteristic, matrix: AVColorSpace, range: AVColorRange,
         pixelFormat: AVPixelFormat, width: Int, height: Int) {
        let hd = width >= 1280 || height > 576
        let pal = !hd && (height == 576 || height == 288)
        let wide = primaries == AVCOL_PRI_BT2020 || matrix == AVCOL_SPC_BT2020_NCL || matrix == AVCOL_SPC_BT2020_CL
        self.matrix = matrix != AVCOL_SPC_UNSPECIFIED ? matrix
            : wide ? AVCOL_SPC_BT2020_NCL
            : primaries == AVCOL_PRI_BT709 || (primaries == AVCOL_PRI_UNSPECIFIED && hd) ? AVCOL_SPC_BT709
            : primaries == AVCOL_PRI_BT470BG || (primaries == AVCOL_PRI_UNSPECIFIED && pal) ? AVCOL_SPC_BT470BG
            : AVCOL_SPC_SMPTE170M
        self.primaries = primaries != AVCOL_PRI_UNSPECIFIED ? primaries
            : wide ? AVCOL_PRI_BT2020
            : self.matrix == AVCOL_SPC_BT709 ? AVCOL_PRI_BT709
            : self.matrix == AVCOL_SPC_BT470BG ? AVCOL_PRI_BT470BG
            : self.matrix == AVCOL_SPC_SMPTE170M ? AVCOL_PRI_SMPTE170M
            : hd ? AVCOL_PRI_BT709 : pal ? AVCOL_PRI_BT470BG : AVCOL_PRI_SMPTE170M
        // BT.601 and BT.709 share one curve; SD pictures carry it under its SD name.
        self.transfer = transfer != AVCOL_TRC_UNSPECIFIED ? transfer
            : self.primaries == AVCOL_PRI_SMPTE170M || self.primaries == AVCOL_PRI_BT470BG ? AVCOL_TRC_SMPTE170M : AVCOL_TRC_BT709
        self.range = range != AVCOL_RANGE_UNSPECIFIED ? range
            : Self.isFullRangeFormat(pixelFormat) ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG
    }

    /// A stream's colour from its parameters (after `avformat_find_stream_info`, the bitstream's own tags).
    init(_ par: AVCodecParameters) {
        self.init(primaries: par.color_primaries, transfer: par.color_trc, matrix: par.color_space, range: par.color_range,
                  pixelFormat: AVPixelFormat(rawValue: par.format), width: Int(par.width), height: Int(par.height))
    }

    /// A decoded frame's colour: its own tags first, then the stream's, then the assumption from `codedSize`.
    init(_ frame: AVFrame, stream: PictureColor?, codedWidth: Int, codedHeight: Int) {
        func pick<T: Equatable>(_ own: T, _ unspecified: T, _ fallback: T?) -> T { own != unspecified ? own : fallback ?? own }
        self.init(primaries: pick(frame.color_primaries, AVCOL_PRI_UNSPECIFIED, stream?.primaries),
                  transfer: pick(frame.color_trc, AVCOL_TRC_UNSPECIFIED, stream?.transfer),
                  matrix: pick(frame.colorspace, AVCOL_SPC_UNSPECIFIED, stream?.matrix),
                  range: pick(frame.color_range, AVCOL_RANGE_UNSPECIFIED, stream?.range),
                  pixelFormat: AVPixelFormat(rawValue: frame.format), width: codedWidth, height: codedHeight)
    }

    /// What RayKit writes when it turns HLG/PQ into SDR: BT.709, limited range.
    static let sdrBT709 = PictureColor(primaries: AVCOL_PRI_BT709, transfer: AVCOL_TRC_BT709, matrix: AVCOL_SPC_BT709,
                                       range: AVCOL_RANGE_MPEG, pixelFormat: AV_PIX_FMT_YUV420P, width: 1920, height: 1080)

    /// Whether the picture uses all 256 (1024…) code values rather than 16–235.
    var isFullRange: Bool { range == AVCOL_RANGE_JPEG }

    /// Writes the four tags into a frame.
    func tag(_ frame: UnsafeMutablePointer<AVFrame>) {
        frame.pointee.color_primaries = primaries
        frame.pointee.color_trc = transfer
        frame.pointee.colorspace = matrix
        frame.pointee.color_range = range
    }

    /// The deprecated `yuvj…` formats, which mean full range.
    static func isFullRangeFormat(_ format: AVPixelFormat) -> Bool {
        format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P || format == AV_PIX_FMT_YUVJ440P
    }
}
