internal import CFFmpeg

/// A source's start timecode (QuickTime `tmcd`, as ProRes cameras and editors write it), carried into a crop.
enum Timecode {
    /// The timecode the file names for its video (the video stream's tag, else a timecode track's, else the file's).
    static func source(_ file: MediaFile, video: Int32) -> String? {
        let streams = [video] + (0..<file.streamCount).filter { file.stream($0).pointee.codecpar.pointee.codec_type == AVMEDIA_TYPE_DATA }
        let tagged = streams.lazy.compactMap { tag(file.stream($0).pointee.metadata) }.first
        return tagged ?? tag(file.context.pointee.metadata)
    }

    /// `start` moved on by `frames` frames at `rate` (the first frame a crop keeps); nil when `rate` is not a
    /// timecode rate or `start` not a timecode.
    static func advanced(_ start: String, by frames: Int, rate: AVRational) -> String? {
        var timecode = AVTimecode()
        guard let frames = Int32(exactly: frames), av_timecode_init_from_string(&timecode, rate, start, nil) >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(AV_TIMECODE_STR_SIZE))
        av_timecode_make_string(&timecode, &buffer, frames)
        return String(nulTerminated: buffer)
    }

    private static func tag(_ metadata: OpaquePointer?) -> String? {
        av_dict_get(metadata, "timecode", nil, 0).map { String(cString: $0.pointee.value) }
    }
}
