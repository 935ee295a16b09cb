internal import CFFmpeg

/// The FFmpeg libraries RayKit runs against, as loaded at run time (not the headers it was built with).
public enum FFmpegVersion {
    /// FFmpeg's release and each library's version, e.g.
    /// `FFmpeg 5.1.6-0+deb12u1 (libavformat 59.27.100, libavcodec 59.37.100, libswscale 6.7.100, libswresample 4.7.100, libavutil 57.28.100)`.
    public static let current: String = {
        let libraries = [("libavformat", avformat_version()), ("libavcodec", avcodec_version()), ("libswscale", swscale_version()),
                         ("libswresample", swresample_version()), ("libavutil", avutil_version())]
        let versions = libraries.map { name, number in "\(name) \(number >> 16).\((number >> 8) & 0xFF).\(number & 0xFF)" }
        return "FFmpeg \(String(cString: av_version_info())) (\(versions.joined(separator: ", ")))"
    }()
}
