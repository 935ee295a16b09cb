internal import CFFmpeg

/// The display an HDR10 clip was graded on (SMPTE ST 2086).
public struct MasteringDisplay: Codable, Equatable, Sendable {
    /// CIE 1931 xy chromaticity.
    public struct Chromaticity: Codable, Equatable, Sendable {
        public var x: Double
        public var y: Double
    }

    public var red: Chromaticity
    public var green: Chromaticity
    public var blue: Chromaticity
    public var whitePoint: Chromaticity
    /// Darkest and brightest the display shows, in nits (cd/m²).
    public var minLuminance: Double
    public var maxLuminance: Double
}

/// How bright an HDR10 clip gets (CTA-861.3), in nits.
public struct ContentLightLevel: Codable, Equatable, Sendable {
    /// Brightest pixel of the whole clip (MaxCLL).
    public var maxCLL: Int
    /// Brightest frame on average (MaxFALL).
    public var maxFALL: Int

    public init(maxCLL: Int, maxFALL: Int) {
        self.maxCLL = maxCLL
        self.maxFALL = maxFALL
    }
}

/// HDR10 static metadata as libavutil holds it: from a stream's side data (MP4 `mdcv`/`clli`, Matroska)
/// or, where the container says nothing, from the first decoded frame (the HEVC/AV1 SEI).
struct HDRMetadata {
    var mastering: AVMasteringDisplayMetadata?
    var light: AVContentLightMetadata?

    var isEmpty: Bool { mastering == nil && light == nil }

    /// From the stream's side data; nil when it has none.
    init?(stream: UnsafeMutablePointer<AVStream>) {
        var size = 0
        if let data = rk_stream_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, &size),
           size >= MemoryLayout<AVMasteringDisplayMetadata>.size {
            mastering = UnsafeRawPointer(data).loadUnaligned(as: AVMasteringDisplayMetadata.self)
        }
        if let data = rk_stream_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, &size),
           size >= MemoryLayout<AVContentLightMetadata>.size {
            light = UnsafeRawPointer(data).loadUnaligned(as: AVContentLightMetadata.self)
        }
        if isEmpty { return nil }
    }

    /// From a decoded frame's side data; nil when it has none.
    init?(frame: Frame) {
        if let sd = av_frame_get_side_data(frame.pointer, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA),
           sd.pointee.size >= MemoryLayout<AVMasteringDisplayMetadata>.size {
            mastering = UnsafeRawPointer(sd.pointee.data).loadUnaligned(as: AVMasteringDisplayMetadata.self)
        }
        if let sd = av_frame_get_side_data(frame.pointer, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL),
           sd.pointee.size >= MemoryLayout<AVContentLightMetadata>.size {
            light = UnsafeRawPointer(sd.pointee.data).loadUnaligned(as: AVContentLightMetadata.self)
        }
        if isEmpty { return nil }
    }

    /// Adds the metadata to an output stream, for muxers that store it in the container.
    func attach(to stream: UnsafeMutablePointer<AVStream>) {
        if var mastering {
            guard rk_stream_add_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, &mastering,
                                          MemoryLayout<AVMasteringDisplayMetadata>.size) >= 0 else { fatalError("out of memory") }
        }
        if var light {
            guard rk_stream_add_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, &light,
                                          MemoryLayout<AVContentLightMetadata>.size) >= 0 else { fatalError("out of memory") }
        }
    }

    /// libx265's `master-display=G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min)` (chromaticity in 1/50000,
    /// luminance in 1/10000 nit) and `max-cll=CLL,FALL`, so the encoder writes the SEI.
    var x265Parameters: [String] {
        var params: [String] = []
        if let m = mastering, m.has_primaries != 0, m.has_luminance != 0 {
            func c(_ q: AVRational) -> Int { Int((av_q2d(q) * 50000).rounded()) }
            func l(_ q: AVRational) -> Int { Int((av_q2d(q) * 10000).rounded()) }
            let (r, g, b) = m.display_primaries
            params.append("master-display=G(\(c(g.0)),\(c(g.1)))B(\(c(b.0)),\(c(b.1)))R(\(c(r.0)),\(c(r.1)))"
                          + "WP(\(c(m.white_point.0)),\(c(m.white_point.1)))L(\(l(m.max_luminance)),\(l(m.min_luminance)))")
        }
        if let light { params.append("max-cll=\(light.MaxCLL),\(light.MaxFALL)") }
        return params
    }

    /// The public description of the mastering display, when primaries and luminance are both known.
    var masteringDisplay: MasteringDisplay? {
        guard let m = mastering, m.has_primaries != 0, m.has_luminance != 0 else { return nil }
        func xy(_ p: (AVRational, AVRational)) -> MasteringDisplay.Chromaticity { .init(x: av_q2d(p.0), y: av_q2d(p.1)) }
        return MasteringDisplay(red: xy(m.display_primaries.0), green: xy(m.display_primaries.1), blue: xy(m.display_primaries.2),
                                whitePoint: xy(m.white_point), minLuminance: av_q2d(m.min_luminance), maxLuminance: av_q2d(m.max_luminance))
    }

    var contentLightLevel: ContentLightLevel? {
        light.map { ContentLightLevel(maxCLL: Int($0.MaxCLL), maxFALL: Int($0.MaxFALL)) }
    }
}
