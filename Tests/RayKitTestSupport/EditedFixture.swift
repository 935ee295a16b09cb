import Foundation

extension Fixtures {
    /// A fixture re-encoded (H.264, CRF 18, B-frames) through an FFmpeg filter graph by the `ffmpeg` CLI, as a
    /// user's editor would change it, written into `folder`.
    ///
    /// - Parameter gop: a keyframe every `gop` frames and nowhere else (x264's scene-cut keyframes off); nil:
    ///   x264's own choice.
    public static func edited(_ fixture: String, _ filter: String, into folder: TemporaryDirectory, gop: Int? = nil) throws -> String {
        let out = folder.file("edited-\(fixture)")
        let keyframes = gop.map { ["-g", "\($0)", "-keyint_min", "\($0)", "-sc_threshold", "0"] } ?? []
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", path(fixture), "-filter_complex", filter,
                             "-c:v", "libx264", "-crf", "18", "-bf", "3"] + keyframes + ["-pix_fmt", "yuv420p", out]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw EditFailed(filter: filter) }
        return out
    }

    /// `ffmpeg` could not apply a filter graph to a fixture.
    public struct EditFailed: Error {
        public let filter: String
    }

    /// Frames 12-13 of shots.mp4's first shot over-exposed, as a camera flash: 12 the brightest, 13 decaying.
    public static let flashFilter = "[0:v]eq=brightness=0.5:contrast=0.6:enable='eq(n,12)',eq=brightness=0.25:enable='eq(n,13)'"

    /// 20 s of shots.mp4's first picture with film grain, going to black and back over frames 130-150, cut
    /// away to its second shot's picture for frames 250-265, and over-exposed at frames 400-402.
    public static let comingAndGoingFilter: String = {
        let gain = "if(between(N\\,130\\,150)\\,abs(N-140)/10\\,1)"
        return "[0:v]split[a][b];[a]trim=end_frame=1,loop=loop=599:size=1,setpts=N/30/TB,noise=alls=3:allf=t[still];"
            + "[b]trim=start_frame=35:end_frame=36,loop=loop=599:size=1,setpts=N/30/TB[other];"
            + "[still][other]overlay=enable='between(n,250,265)',"
            + "geq=lum='lum(X,Y)*\(gain)':cb='128+(cb(X,Y)-128)*\(gain)':cr='128+(cr(X,Y)-128)*\(gain)',"
            + "eq=brightness=0.5:contrast=0.6:enable='between(n,400,402)'"
    }()
}
