import Foundation
import RayKitTestSupport
import Testing

/// Issue #17: an input that is not a clip file says what it is, in one line naming it, exit 1, nothing written.
@Suite("inputs that are not clip files")
struct InputKindCommandTests {
    let folder = TemporaryDirectory()

    /// probe, crop and preflight --fix on `input`: each exits 1 with exactly `raykit: INPUT: PROBLEM`, no output left.
    func expectRefused(_ input: String, _ problem: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let runs = [["probe", input], ["crop", input, "--to", "1:1", "-o", folder.file("crop.mp4"), "--quiet"],
                    ["preflight", input, "--for", "edit", "--fix", folder.file("fixed.mp4"), "--quiet"]]
        for arguments in runs {
            let run = try await RayKitCLI.run(arguments, timeout: 20)
            #expect(!run.timedOut && run.status == 1, "\(arguments[0]): \(run.stderr)", sourceLocation: sourceLocation)
            #expect(run.stderr == "raykit: \(input): \(problem)\n", sourceLocation: sourceLocation)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("crop.mp4")), sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: folder.file("fixed.mp4")), sourceLocation: sourceLocation)
    }

    @Test("a directory is a directory, not a missing file")
    func directory() async throws {
        let input = folder.file("clips.mp4")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: false)
        try await expectRefused(input, "is a directory")
    }

    @Test("a FIFO is refused at once (never opened: that would wait for a writer), not called empty")
    func fifo() async throws {
        let input = folder.file("pipe.mp4")
        #expect(mkfifo(input, 0o600) == 0)
        try await expectRefused(input, "is not a regular file (a FIFO): save the stream to a file and use that")
    }

    @Test("a y4m declaring 60000x60000 says its frame size is too large, not 'Device or resource busy'")
    func hugeY4M() async throws {
        let input = folder.file("huge.y4m")
        var bytes = Data("YUV4MPEG2 W60000 H60000 F30:1 Ip A1:1 C420jpeg\nFRAME\n".utf8)
        bytes.append(Data(count: 4096))
        #expect(FileManager.default.createFile(atPath: input, contents: bytes))
        try await expectRefused(input, "frame size 60000x60000 is too large to decode")
    }

    @Test("a PNG named .mp4: probe says it is a still image; crop, frames, preflight and plan edit refuse it")
    func stillImage() async throws {
        let input = Fixtures.root.appendingPathComponent("fixtures/bad/still_png.mp4").path
        let probe = try await RayKitCLI.run(["probe", input])
        #expect(probe.status == 0 && probe.stdout.contains("\n  still image png: not a video"), "\(probe.stdout)")
        let refusal = "raykit: \(input): is a still image (png), not a video; Generate takes it as a startFrame\n"
        for arguments in [["crop", input, "--to", "1:1", "-o", folder.file("crop.mp4"), "--quiet"],
                          ["frames", input, "--at", "0", "--out", folder.file("stills")],
                          ["preflight", input, "--for", "edit", "--fix", folder.file("fixed.mp4"), "--quiet"],
                          ["preflight", input, "--for", "reframe"],
                          ["plan", "edit", "--prompt", "x", "--video", input, "--out", folder.file("plan")]] {
            let run = try await RayKitCLI.run(arguments)
            #expect(run.status == 1 && run.stderr == refusal, "\(arguments[0]): \(run.stderr)")
        }
        #expect(folder.contents.isEmpty)
    }
}
