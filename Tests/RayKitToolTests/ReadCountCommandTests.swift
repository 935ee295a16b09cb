import Foundation
import RayKitTestSupport
import Testing

/// Each command opens each of its inputs once (`--verbose` prints what reading each file cost).
@Suite("one open of each input per command")
struct ReadCountCommandTests {
    /// One command, and the inputs it reads.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let inputs: [String]
        let arguments: @Sendable (TemporaryDirectory) -> [String]
        var testDescription: String { name }
    }

    static let clip = Fixtures.path("h264_bframes_aac.mp4")
    static let shots = Fixtures.path("shots.mp4")
    static let result = Fixtures.path("reframe_result_9x16.mp4")

    static let cases: [Case] = [
        Case(name: "probe", inputs: [clip]) { _ in ["probe", clip] },
        Case(name: "frames", inputs: [clip]) { out in ["frames", clip, "--at", "0,45,end", "--out", out.file("stills")] },
        Case(name: "crop", inputs: [clip]) { out in ["crop", clip, "--to", "1:1", "-o", out.file("c.mp4"), "--preset", "ultrafast", "--quiet"] },
        Case(name: "preflight --fix, re-encoded", inputs: [Fixtures.path("anamorphic.mkv")]) { out in
            ["preflight", Fixtures.path("anamorphic.mkv"), "--for", "edit", "--fix", out.file("f.mp4"), "--quiet"]
        },
        Case(name: "preflight --fix, remuxed", inputs: [Fixtures.path("ts_offset.ts")]) { out in
            ["preflight", Fixtures.path("ts_offset.ts"), "--for", "edit", "--fix", out.file("r.mp4"), "--quiet"]
        },
        Case(name: "plan edit", inputs: [clip]) { out in
            ["plan", "edit", "--video", clip, "--prompt", "Warm tungsten grade", "--keyframes", "0,45", "--out", out.file("plan")]
        },
        Case(name: "shots", inputs: [shots]) { _ in ["shots", shots] },
        Case(name: "keyframes --suggest", inputs: [shots]) { out in ["keyframes", shots, "--suggest", "4", "--out", out.file("k")] },
        Case(name: "check reframe", inputs: [clip, result]) { _ in ["check", "reframe", clip, result] },
        Case(name: "check edit", inputs: [clip, Fixtures.path("checks/edit_dropped.mp4")]) { _ in
            ["check", "edit", clip, Fixtures.path("checks/edit_dropped.mp4")]
        },
        Case(name: "check loop", inputs: [Fixtures.path("checks/loop_seamless.mp4")]) { _ in ["check", "loop", Fixtures.path("checks/loop_seamless.mp4")] },
    ]

    /// `raykit: read FILE: N opens, …` lines: the opens of each file.
    static func opens(_ stderr: String) -> [String: Int] {
        var opens: [String: Int] = [:]
        for line in stderr.split(separator: "\n") where line.hasPrefix("raykit: read ") {
            guard let match = line.firstMatch(of: #/^raykit: read (.+): (\d+) opens?, /#) else { continue }
            opens[String(match.output.1)] = Int(match.output.2)
        }
        return opens
    }

    @Test("each input is opened once", arguments: cases)
    func oneOpen(_ command: Case) async throws {
        let out = TemporaryDirectory()
        let run = try await RayKitCLI.run(command.arguments(out) + ["--verbose"])
        #expect([0, 2].contains(run.status), "\(run.stderr)")
        let opens = Self.opens(run.stderr)
        for input in command.inputs {
            let counted = opens.first { URL(fileURLWithPath: $0.key).standardizedFileURL.path == URL(fileURLWithPath: input).standardizedFileURL.path }
            #expect(counted?.value == 1, "\(input): \(opens)")
        }
    }

    /// `raykit: read FILE: …, N frames decoded, …` lines: the frames decoded of each file.
    static func decoded(_ stderr: String) -> [String: Int] {
        var decoded: [String: Int] = [:]
        for line in stderr.split(separator: "\n") where line.hasPrefix("raykit: read ") {
            guard let match = line.firstMatch(of: #/^raykit: read (.+?): .* (\d+) frames? decoded/#) else { continue }
            decoded[URL(fileURLWithPath: String(match.output.1)).lastPathComponent] = Int(match.output.2)
        }
        return decoded
    }

    @Test("check reframe decodes every frame of the source and of the result once")
    func checkReframeDecodesOnce() async throws {
        let run = try await RayKitCLI.run(["check", "reframe", Self.clip, Self.result, "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        let decoded = Self.decoded(run.stderr)
        #expect(decoded["h264_bframes_aac.mp4"] == Fixtures.spec("h264_bframes_aac.mp4").frameCount, "\(run.stderr)")
        #expect(decoded["reframe_result_9x16.mp4"] == Fixtures.spec("reframe_result_9x16.mp4").frameCount, "\(run.stderr)")
    }

    @Test("frames at 0 and 45 decode nothing past frame 45")
    func decodesOnlyWhatItNeeds() async throws {
        let out = TemporaryDirectory()
        let run = try await RayKitCLI.run(["frames", Self.clip, "--at", "0,45", "--out", out.file("s"), "--verbose"])
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("raykit: read ") })
        let decoded = try #require(line.firstMatch(of: #/(\d+) frames? decoded/#).flatMap { Int($0.output.1) })
        #expect(decoded >= 2 && decoded <= 46, "\(line)")
    }
}
