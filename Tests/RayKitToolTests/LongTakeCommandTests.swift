import Foundation
import RayKitTestSupport
import RayMedia
import RayPipeline
import ScenarioTestServer
import Testing

/// `raykit edit` on a 70 s stamped take (cuts at frames 300 and 1100; Edit takes 30 s) against a test
/// server that delivers each job's uploaded source back (an echo): the take is split, each segment run once,
/// and the stitched result shows every source frame in its place with the source's audio.
@Suite("long takes split, run and stitched", .serialized)
struct LongTakeCommandTests {
    let server: ScenarioTestServer
    let folder = TemporaryDirectory()
    let take = Fixtures.spec("long70s.mp4")

    init() async throws {
        server = try await ScenarioTestServer()
        server.echoesSource = true
    }

    var output: String { folder.file("restyled.mp4") }

    var arguments: [String] {
        ["edit", "--video", take.path, "--prompt", "Hand-painted watercolour, soft paper texture", "--keyframes", "0,480,1200", "-o", output]
    }

    var submits: [RecordedRequest] { server.requests("POST", "/v1/generate/") }

    /// The long take's record in the output's manifest.
    func longTake() throws -> LongTake {
        let data = try Data(contentsOf: URL(fileURLWithPath: output + ".raykit.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try #require(try decoder.decode(Manifest.self, from: data).longTake)
    }

    @Test("70 s through edit: split at the cuts and inside the long shot, one submit per segment with its keyframes, frames 0-1679 in order, audio kept")
    func restyledWhole() async throws {
        let run = try await RayKitCLI.run(arguments, environment: server.cliEnvironment(), timeout: 600)
        #expect(run.status == 0, "\(run.stderr)")
        if let log = ProcessInfo.processInfo.environment["RAYKIT_WRITE_LONG_TAKE_LOG"] {
            // For the README's example: the run's own words.
            try (run.stderr + run.stdout).write(toFile: log, atomically: true, encoding: .utf8)
        }
        let plan = try longTake().plan
        let cuts = plan.segments.filter { $0.join == .cut }.map(\.firstFrame)
        #expect(cuts == [300, 1100], "\(plan.segments)")
        #expect(plan.segments.contains { $0.join == .inShot }, "the 33 s middle shot is split inside: \(plan.segments)")
        #expect(plan.segments.allSatisfy { $0.seconds <= 30 })
        #expect(submits.count == plan.segments.count)
        let last = try #require(plan.segments.last)
        #expect(run.stderr.contains("segment \(plan.segments.count): frames \(last.firstFrame)-1679"), "\(run.stderr)")

        let result = Clip(output)
        let probe = try await result.probe()
        #expect(probe.video.frameCount == 1680)
        let sourceAudio = try #require(try await Clip(take.path).probe().audio.first?.duration)
        let audio = try #require(probe.audio.first?.duration)
        #expect(abs(audio - sourceAudio) <= 1024.0 / 48000, "audio \(audio) s against the source's \(sourceAudio) s")
        for chunk in stride(from: 0, to: 1680, by: 240) {
            let frames = Array(chunk..<min(1680, chunk + 240))
            let stills = try StillExtractor.images(from: result, at: frames)
            let misplaced = frames.filter { FrameStamp.read(stills[$0]!, cell: Double(take.stampCell!)) != $0 }
            #expect(misplaced.isEmpty, "frames showing another frame's stamp: \(misplaced.prefix(20))")
        }
        try keyframesMapped(plan)
    }

    /// Keyframes given on the whole take land in their segments at local indexes; an in-shot join's later
    /// segment is guided at the frames it shares.
    func keyframesMapped(_ plan: SegmentPlan) throws {
        let sent = try submits.map { submit in
            let body = try #require(try JSONSerialization.jsonObject(with: submit.body) as? [String: Any])
            return ((body["keyframes"] as? [[String: Any]]) ?? []).compactMap { $0["keyframeIndex"] as? Int }.sorted()
        }
        // Each segment: the user's frames inside it at its own index, and after an in-shot join the frames it shares.
        let expected = plan.segments.enumerated().map { i, segment in
            let user = [0, 480, 1200].filter { segment.firstFrame <= $0 && $0 <= segment.lastFrame }.map { $0 - segment.firstFrame }
            let shared = segment.join == .inShot ? Array(0...(plan.segments[i - 1].lastFrame - segment.firstFrame)) : []
            return Array(Set(user + shared)).sorted()
        }
        #expect(sent.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) }, "\(plan.segments)")
    }

    @Test("killed after the second submit and run again: one submit per segment in all, then the stitched output")
    func resumedAfterKill() async throws {
        server.inject(.delay(seconds: 3), method: "GET", path: "/v1/jobs/")
        let server = server
        let (run, sent) = try await InterruptTests.run(arguments, environment: server.cliEnvironment(), signal: SIGTERM, within: 400) {
            server.requests("POST", "/v1/generate/").count >= 2
        }
        try #require(sent, "two submits never happened: \(run.stderr)")
        #expect(run.status == 128 + SIGTERM, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let again = try await RayKitCLI.run(arguments, environment: server.cliEnvironment(), timeout: 600)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try await Clip(output).probe().video.frameCount == 1680)
        #expect(submits.count == (try longTake().plan.segments.count), "a segment already submitted is never submitted again")
    }

    @Test("--no-split refuses the long take with one line naming it; nothing is uploaded or submitted")
    func refusedWithoutSplit() async throws {
        let run = try await RayKitCLI.run(arguments + ["--no-split"], environment: server.cliEnvironment(), timeout: 120)
        #expect(run.status != 0)
        #expect(run.stderr.contains("long70s.mp4") && run.stderr.contains("30"), "\(run.stderr)")
        #expect(submits.isEmpty && server.requests("POST", "/v1/assets").isEmpty && server.requests("POST", "/v1/uploads").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
