internal import CFFmpeg
import Foundation
import RayCanvas

/// Reads what Ray 3.2 needs to know about a source clip, in-process through libavformat.
public enum MediaProbe {
    /// Probes one file.
    ///
    /// - Parameters:
    ///   - path: the clip.
    ///   - exactFrameCount: scan every video packet for the exact frame count, keyframes and GOP
    ///     length (default); when false, take the header's count or an estimate and mark it so.
    ///   - stream: the index of the video stream to describe; nil for the main one.
    /// - Throws: `MediaError` naming the file: missing, empty, not media, truncated, no video,
    ///   `stream` not a video stream.
    public static func probe(_ path: String, exactFrameCount: Bool = true, stream: Int? = nil) throws(MediaError) -> ProbeResult {
        if exactFrameCount { return try Clip(path, stream: stream).probe() }
        return try probe(MediaFile(path: path), stream: stream, index: nil, firstFrame: nil)
    }

    /// Probes an opened file.
    ///
    /// - Parameters:
    ///   - index: the frame index (given the open file and the video stream), for the exact frame facts;
    ///     nil takes the header's.
    ///   - firstFrame: hands the clip's first decoded frame to its argument, for what only a frame tells (the
    ///     field order a header leaves open, HDR10 metadata a stream does not carry); nil goes by the header.
    static func probe(_ file: MediaFile, stream: Int?, index: ((MediaFile, Int32) throws(MediaError) -> FrameIndex)?,
                      firstFrame: ((_ body: (Frame) -> Void) throws(MediaError) -> Void)?) throws(MediaError) -> ProbeResult {
        let path = file.path
        let videoIndex = try file.videoStreamIndex(requested: stream)
        var audio = (0..<file.streamCount).compactMap { audioInfo(file.stream($0)) }
        let videoStreams = file.videoStreamIndexes.map { summary(file.stream($0), selected: $0 == videoIndex) }
        var video = try videoInfo(file.stream(videoIndex), file: path)
        let frameIndex = try index?(file, videoIndex)
        // HDR10's static metadata belongs to PQ; looking for it in HLG (which has none to speak of) would decode a frame per probe.
        var metadata = video.color.hdr == .pq ? HDRMetadata(stream: file.stream(videoIndex)) : nil
        if (video.color.hdr == .pq && metadata == nil) || video.fieldOrder == .unknown, let firstFrame {
            try? firstFrame { frame in
                if video.color.hdr == .pq && metadata == nil { metadata = HDRMetadata(frame: frame) }
                if video.fieldOrder == .unknown { video.fieldOrder = fieldOrder(of: frame) }
            }
        }
        if let metadata {
            video.color.masteringDisplay = metadata.masteringDisplay
            video.color.contentLightLevel = metadata.contentLightLevel
        }
        if let index = frameIndex {
            video.frameCount = index.count
            video.frameCountEstimated = false
            video.frameCountMethod = index.method
            video.duration = index.duration
            video.variableFrameRate = index.isVariableFrameRate
            video.keyframeCount = index.keyframes.count
            video.longestGOP = index.longestGOP
            // Measured like the frame count, where the header's figure is an estimate (MPEG-TS) or missing (Matroska, AVI).
            for i in audio.indices {
                if let seconds = index.audioDurations[Int32(audio[i].streamIndex)] { audio[i].duration = seconds }
            }
            // A container's rate is its nominal one; with uneven frames only the frames themselves tell the average.
            if index.isVariableFrameRate, let measured = index.averageRate {
                video.averageFrameRate = av_q2d(measured)
                video.averageFrameRateFraction = "\(measured.num)/\(measured.den)"
            }
        } else if let missing = truncatedTail(file, stream: videoIndex) {
            throw MediaError(.truncated, file: path, "truncated: the file ends \(missing) bytes before its last video packet")
        }
        let context = file.context.pointee
        let format = context.iformat.pointee
        return ProbeResult(
            file: path,
            container: String(cString: format.name),
            containerLongName: format.long_name.map { String(cString: $0) } ?? "",
            majorBrand: av_dict_get(context.metadata, "major_brand", nil, 0).map {
                String(cString: $0.pointee.value).trimmingCharacters(in: .whitespaces)
            },
            sizeBytes: file.fileSize,
            bitRate: context.bit_rate > 0 ? context.bit_rate : nil,
            duration: seconds(context.duration, AV_TIME_BASE),
            startTime: seconds(context.start_time, AV_TIME_BASE),
            video: video,
            videoStreams: videoStreams,
            audio: audio,
            stillImage: file.stillImageCodec,
            timecode: Timecode.source(file, video: videoIndex)
        )
    }

    private static func summary(_ stream: UnsafeMutablePointer<AVStream>, selected: Bool) -> VideoStreamSummary {
        let par = stream.pointee.codecpar.pointee
        return VideoStreamSummary(index: Int(stream.pointee.index), codec: String(cString: avcodec_get_name(par.codec_id)),
                                  width: Int(par.width), height: Int(par.height),
                                  isDefault: stream.pointee.disposition & AV_DISPOSITION_DEFAULT != 0, selected: selected)
    }

    /// The header's field order: which field a player shows first (coded order aside).
    static func fieldOrder(_ order: AVFieldOrder) -> FieldOrder {
        switch order {
        case AV_FIELD_PROGRESSIVE: .progressive
        case AV_FIELD_TT, AV_FIELD_BT: .tff
        case AV_FIELD_BB, AV_FIELD_TB: .bff
        default: .unknown
        }
    }

    /// The field order a decoded frame shows, when the header does not say.
    private static func fieldOrder(of frame: Frame) -> FieldOrder {
        guard rk_frame_is_interlaced(frame.pointer) != 0 else { return .progressive }
        return rk_frame_top_field_first(frame.pointer) != 0 ? .tff : .bff
    }

    /// Probes several files concurrently; one failure does not stop the others.
    ///
    /// - Parameter stream: the video stream to describe in every file (its index); nil for each file's main one.
    /// - Returns: one result per path, in the order given.
    public static func probeAll(_ paths: [String], exactFrameCount: Bool = true, stream: Int? = nil) async -> [Result<ProbeResult, MediaError>] {
        await withTaskGroup(of: (Int, Result<ProbeResult, MediaError>).self) { group in
            for (i, path) in paths.enumerated() {
                group.addTask { (i, Result { () throws(MediaError) in try probe(path, exactFrameCount: exactFrameCount, stream: stream) }) }
            }
            var results = [Result<ProbeResult, MediaError>?](repeating: nil, count: paths.count)
            for await (i, result) in group { results[i] = result }
            return results.map { $0! }
        }
    }

    private static func videoInfo(_ stream: UnsafeMutablePointer<AVStream>, file: String) throws(MediaError) -> VideoInfo {
        let par = stream.pointee.codecpar.pointee
        let description = StreamDescription(stream)
        let sar = description.sampleAspectRatio
        let orientation = description.orientation
        let display = orientation.displaySize(codedWidth: Int(par.width), codedHeight: Int(par.height), sar: sar)
        guard display.width > 0 && display.height > 0 else {
            if par.codec_id != AV_CODEC_ID_NONE && avcodec_find_decoder(par.codec_id) == nil {
                // Without a decoder nothing fills in the size: name the real reason.
                throw MediaError(.unsupported, file: file, "no decoder for codec \(String(cString: avcodec_get_name(par.codec_id))) in this FFmpeg build")
            }
            throw MediaError(.unsupported, file: file, "the video stream's picture size is unknown (\(par.width)x\(par.height))")
        }
        let ratio = AspectRatio(display.width, display.height)
        let nearest = SupportedRatio.nearest(to: ratio)
        let pixelFormat = AVPixelFormat(rawValue: par.format)
        let descriptor = av_pix_fmt_desc_get(pixelFormat)
        let avg = stream.pointee.avg_frame_rate
        let base = stream.pointee.r_frame_rate
        let averageRate = avg.num > 0 && avg.den > 0 ? av_q2d(avg) : nil
        let streamDuration = seconds(stream.pointee.duration, stream.pointee.time_base)
        return VideoInfo(
            streamIndex: Int(stream.pointee.index),
            codec: String(cString: avcodec_get_name(par.codec_id)),
            profile: avcodec_profile_name(par.codec_id, par.profile).map { String(cString: $0) },
            pixelFormat: av_get_pix_fmt_name(pixelFormat).map { String(cString: $0) },
            bitDepth: descriptor.map { Int($0.pointee.comp.0.depth) },
            codedWidth: Int(par.width),
            codedHeight: Int(par.height),
            sampleAspectRatio: sar,
            rotation: orientation.clockwiseDegrees,
            horizontalFlip: orientation.horizontalFlip,
            displayWidth: display.width,
            displayHeight: display.height,
            aspectRatio: ratio,
            aspectRatioDecimal: ratio.value,
            nearestSupportedRatio: nearest.ratio,
            nearestRatioError: nearest.relativeError,
            averageFrameRate: averageRate,
            averageFrameRateFraction: averageRate.map { _ in "\(avg.num)/\(avg.den)" },
            baseFrameRateFraction: base.num > 0 && base.den > 0 ? "\(base.num)/\(base.den)" : nil,
            frameCount: estimatedFrameCount(stream, duration: streamDuration, rate: averageRate),
            frameCountEstimated: true,
            frameCountMethod: .header,
            variableFrameRate: nil,
            duration: streamDuration,
            keyframeCount: nil,
            longestGOP: nil,
            fieldOrder: fieldOrder(par.field_order),
            color: colorInfo(par)
        )
    }

    /// The header's frame count, or duration × average rate when the container has none.
    private static func estimatedFrameCount(_ stream: UnsafeMutablePointer<AVStream>, duration: Double?, rate: Double?) -> Int {
        if stream.pointee.nb_frames > 0 { return Int(stream.pointee.nb_frames) }
        guard let duration, let rate else { return 0 }
        // Header values can be anything: only a finite, plausible product becomes a count.
        let frames = (duration * rate).rounded()
        return frames.isFinite && frames >= 0 && frames < 1e12 ? Int(frames) : 0
    }

    private static func colorInfo(_ par: AVCodecParameters) -> ColorInfo {
        func name(_ text: UnsafePointer<CChar>?, unspecified: Bool) -> String? {
            unspecified ? nil : text.map { String(cString: $0) }
        }
        let transfer = name(av_color_transfer_name(par.color_trc), unspecified: par.color_trc == AVCOL_TRC_UNSPECIFIED)
        let primaries = name(av_color_primaries_name(par.color_primaries), unspecified: par.color_primaries == AVCOL_PRI_UNSPECIFIED)
        let hdr = HDRKind(transfer: par.color_trc)
        let reason = switch (hdr, par.color_trc) {
        case (.hlg, _): "transfer arib-std-b67 is Hybrid Log-Gamma"
        case (.pq, _): "transfer smpte2084 is Perceptual Quantizer (HDR10)"
        case (_, AVCOL_TRC_UNSPECIFIED): "no transfer characteristic tagged: treated as SDR"
        default: "transfer \(transfer ?? "unknown") is an SDR curve"
            + (par.color_primaries == AVCOL_PRI_BT2020 ? " (BT.2020 primaries: wide-gamut SDR)" : "")
        }
        return ColorInfo(
            primaries: primaries,
            transfer: transfer,
            matrix: name(av_color_space_name(par.color_space), unspecified: par.color_space == AVCOL_SPC_UNSPECIFIED),
            range: name(av_color_range_name(par.color_range), unspecified: par.color_range == AVCOL_RANGE_UNSPECIFIED),
            hdr: hdr,
            hdrReason: reason,
            masteringDisplay: nil,
            contentLightLevel: nil
        )
    }

    private static func audioInfo(_ stream: UnsafeMutablePointer<AVStream>) -> AudioInfo? {
        let par = stream.pointee.codecpar.pointee
        guard par.codec_type == AVMEDIA_TYPE_AUDIO else { return nil }
        return AudioInfo(
            streamIndex: Int(stream.pointee.index),
            codec: String(cString: avcodec_get_name(par.codec_id)),
            channels: Int(par.ch_layout.nb_channels),
            sampleRate: Int(par.sample_rate),
            duration: seconds(stream.pointee.duration, stream.pointee.time_base)
        )
    }

    /// Cheap truncation check without a scan: bytes missing after the last indexed video packet (MP4/MOV).
    private static func truncatedTail(_ file: MediaFile, stream index: Int32) -> Int64? {
        let stream = file.stream(index)
        let entries = avformat_index_get_entries_count(stream)
        guard file.headerIndexesEverySample, entries > 0,
              let last = avformat_index_get_entry(stream, entries - 1) else { return nil }
        let end = last.pointee.pos + Int64(last.pointee.size)
        let size = file.fileSize
        return size >= 0 && end > size ? end - size : nil
    }
}

/// `value × timeBase` in seconds, or nil for AV_NOPTS_VALUE.
func seconds(_ value: Int64, _ timeBase: AVRational) -> Double? {
    value == rk_AV_NOPTS_VALUE() ? nil : Double(value) * av_q2d(timeBase)
}

/// `value / AV_TIME_BASE` in seconds, or nil for AV_NOPTS_VALUE.
func seconds(_ value: Int64, _ timeBase: Int32) -> Double? {
    seconds(value, AVRational(num: 1, den: timeBase))
}
