import Foundation

extension Fixtures {
    /// A fixture re-encoded (H.264, CRF 18, B-frames) through an FFmpeg filter graph by the `ffmpeg` CLI, as a
    /// user's editor would change it, written into `folder`.
    public static func edited(_ fixture: String, _ filter: String, into folder: TemporaryDirectory) throws -> String {
        let out = folder.file("edited-\(fixture)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", path(fixture), "-filter_complex", filter,
                             "-c:v", "libx264", "-crf", "18", "-bf", "3", "-pix_fmt", "yuv420p", out]
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
}
