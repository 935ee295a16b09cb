import Foundation
import RayKitTestSupport
import Testing

/// `--stream`, field order and cover pictures as a user meets them on the command line (issue #9).
@Suite("raykit: stream shapes")
struct StreamShapeCommandTests {
    @Test("probe reports interlacing in JSON and text")
    func fieldOrder() async throws {
        let file = Fixtures.path("interlaced_mpeg2.ts")
        let json = try await RayKitCLI.run(["probe", file, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["video"] as? [String: Any])?["fieldOrder"] as? String == "tff")
        let text = try await RayKitCLI.run(["probe", file])
        #expect(text.stdout.contains("  scan        interlaced, top field first"))
    }

    @Test("probe lists both video streams; --stream picks the other on probe and frames")
    func streamOption() async throws {
        let spec = Fixtures.spec("two_video.mp4")
        let other = try #require(spec.otherVideoStream)
        let json = try await RayKitCLI.run(["probe", spec.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let streams = try #require(object["videoStreams"] as? [[String: Any]])
        #expect(streams.map { $0["index"] as? Int } == [0, 1])
        #expect(streams.map { $0["default"] as? Bool } == [false, true])
        #expect((object["video"] as? [String: Any])?["streamIndex"] as? Int == 1)

        let picked = try await RayKitCLI.run(["probe", spec.path, "--stream", "\(other.index)"])
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(picked.stdout.contains("coded \(other.width)x\(other.height)"))
        #expect(picked.stdout.contains("  frames      \(other.frameCount) "))

        let out = TemporaryDirectory()
        let frames = try await RayKitCLI.run(["frames", spec.path, "--stream", "\(other.index)", "--at", "5,end", "--out", out.path])
        #expect(frames.status == 0, "\(frames.stderr)")
        for (name, frame) in [("frame_000005.png", 5), (String(format: "frame_%06d.png", other.frameCount - 1), other.frameCount - 1)] {
            #expect(try FrameStamp.read(file: out.file(name), cell: Double(other.stampCell)) == frame, "\(name)")
        }
    }

    @Test("--stream naming no video stream: one line, the flag named by the CLI, exit 1")
    func badStream() async throws {
        let clip = Fixtures.path("h264_bframes_aac.mp4")
        let out = TemporaryDirectory()
        for arguments in [["probe", clip, "--stream", "1"], ["frames", clip, "--stream", "1", "--at", "0", "--out", out.path]] {
            let run = try await RayKitCLI.run(arguments)
            #expect(run.status == 1)
            #expect(run.stderr == "raykit: \(clip): stream 1 is audio, not a video stream (video streams: 0): --stream takes a video stream's index\n")
        }
        #expect(out.contents.isEmpty)
    }

    @Test("an audio file with cover art: one clear error")
    func audioWithCover() async throws {
        let file = Fixtures.path("audio_cover.m4a")
        let run = try await RayKitCLI.run(["probe", file])
        #expect(run.status == 1)
        #expect(run.stderr == "raykit: \(file): no video stream (nothing to probe or extract frames from): its only picture is a cover image\n")
    }
}
