import Foundation
import RayKitTestSupport
import RayMedia
import ScenarioTestServer
import Synchronization
import Testing

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) in the middle of long jobs: exit 130 / 143, nothing partial left,
/// and a run's manifest that the same command picks up without submitting a job twice. SIGKILL cannot
/// be caught: the next run that writes the same file clears what it left.
@Suite("interrupts", .serialized)
struct InterruptTests {
    let folder = TemporaryDirectory()

    /// Every name under the test's folder that marks a file in progress.
    var partials: [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.contains(".partial") }
    }

    /// Runs `raykit ARGS`, sends `signal` once `ready()` holds (checked every 10 ms, for at most `within`
    /// seconds), and returns the run. The run is bounded at 60 s more.
    static func run(_ arguments: [String], environment: [String: String]? = nil, signal number: Int32, within: Double = 15,
                    when ready: @escaping @Sendable () -> Bool) async throws -> (run: RayKitCLI.Run, signalled: Bool) {
        let sent = Atomic<Bool>(false)
        let run = try await RayKitCLI.run(arguments, environment: environment, timeout: within + 45) { pid in
            Thread {
                let deadline = Date().addingTimeInterval(within)
                while Date() < deadline {
                    if ready() {
                        kill(pid, number)
                        sent.store(true, ordering: .relaxed)
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }.start()
        }
        return (run, sent.load(ordering: .relaxed))
    }

    static func names(in path: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }

    @Test("frames: SIGINT / SIGTERM while hundreds of stills are written: 130 / 143, no still, no partial, no folder",
          arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func framesInterrupted(_ signal: Int32, _ status: Int32) async throws {
        let stills = folder.file("stills-\(signal)")
        let (run, sent) = try await Self.run(["frames", Fixtures.path("long35s.mp4"), "--at", "every:1", "--out", stills], signal: signal) {
            Self.names(in: stills).filter { $0.hasPrefix("frame_") }.count >= 3
        }
        try #require(sent, "the stills never started: \(run.stderr)")
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderrLines.count == 1 && run.stderr.contains("stopped"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stills), "\(Self.names(in: stills).count) files left")
        #expect(partials.isEmpty)
    }

    @Test("crop: SIGINT / SIGTERM mid-encode: 130 / 143, no output, no partial", arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func cropInterrupted(_ signal: Int32, _ status: Int32) async throws {
        let output = folder.file("crop-\(signal).mp4")
        let path = folder.path
        let (run, sent) = try await Self.run(["crop", Fixtures.path("long35s.mp4"), "--to", "1:1", "-o", output, "--preset", "slow"], signal: signal) {
            Self.names(in: path).contains { $0.hasPrefix(".crop-\(signal).mp4.partial-") }
        }
        try #require(sent, "the crop never started: \(run.stderr)")
        #expect(run.status == status, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(partials.isEmpty)
    }

    @Test("SIGKILL mid-crop leaves its partial; the next crop to the same file removes it, another file's partial and a live one stay")
    func stalePartialRemoved() async throws {
        let output = folder.file("out.mp4")
        let path = folder.path
        let (killed, sent) = try await Self.run(["crop", Fixtures.path("long35s.mp4"), "--to", "1:1", "-o", output, "--preset", "slow"], signal: SIGKILL) {
            Self.names(in: path).contains { $0.hasPrefix(".out.mp4.partial-") }
        }
        try #require(sent && killed.signalled)
        let stale = partials
        #expect(stale.count == 1, "SIGKILL cannot be caught: the partial stays until the next run")
        // Another file's partial from a dead process, and one of this file from a live process (this one).
        // 4194304 is Linux's largest pid_max: no process ever has that id.
        let otherFile = folder.file(".other.mp4.partial-4194304-1")
        let live = folder.file(".out.mp4.partial-\(getpid())-7")
        for file in [otherFile, live] { #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8))) }

        let again = try await RayKitCLI.run(["crop", Fixtures.path("range_tv_only.mp4"), "--to", "1:1", "-o", output, "--preset", "ultrafast", "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file(stale[0])), "the dead crop's partial is gone")
        #expect(FileManager.default.fileExists(atPath: otherFile), "another file's partial is not ours to remove")
        #expect(FileManager.default.fileExists(atPath: live), "a partial whose process lives is left alone")
    }
}
