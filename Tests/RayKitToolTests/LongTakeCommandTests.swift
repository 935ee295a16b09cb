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

    /// Paid submits (not the estimates' dry runs).
    var submits: [RecordedRequest] { server.requests("POST", "/v1/generate/").filter { $0.query["dryRun"] == nil } }

    /// The (first) long take's record in a manifest, by default the output's.
    func longTake(manifest: String? = nil) throws -> LongTake {
        let data = try Data(contentsOf: URL(fileURLWithPath: manifest ?? output + ".raykit.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try #require(try decoder.decode(Manifest.self, from: data).longTakes?.first)
    }

    @Test("""
          70 s through edit: --estimate prices every segment and their total; the run, killed after its second submit and run \
          again, pays once per segment; split at the cuts and inside the long shot, keyframes in their segments, frames 0-1679 in \
          order, audio kept, the whole output checked
          """)
    func restyledWhole() async throws {
        let estimate = try await RayKitCLI.run(arguments + ["--estimate"], environment: server.cliEnvironment(), timeout: 600)
        #expect(estimate.status == 0, "\(estimate.stderr)")
        let plan = try longTake().plan
        let priced = server.requests("POST", "/v1/generate/").filter { $0.query["dryRun"] == "true" }.count
        #expect(priced == plan.segments.count && submits.isEmpty)
        #expect(estimate.stdout.contains("restyled: would cost \(12 * plan.segments.count) creative units in all (\(plan.segments.count) segments)"),
                "\(estimate.stdout)")
        let last = try #require(plan.segments.last)
        #expect(estimate.stderr.contains("segment \(plan.segments.count): frames \(last.firstFrame)-1679"), "\(estimate.stderr)")
        // Joins at the take's cuts, or inside the 33 s middle shot; that shot must be split.
        #expect(plan.segments.filter { $0.join == .cut }.allSatisfy { [300, 1100].contains($0.firstFrame) }, "\(plan.segments)")
        #expect(plan.segments.filter { $0.join == .inShot }.allSatisfy { 300 < $0.firstFrame && $0.firstFrame < 1100 }, "\(plan.segments)")
        #expect(plan.segments.contains { $0.join == .inShot } && plan.segments.contains { $0.join == .cut }, "\(plan.segments)")
        #expect(plan.segments.allSatisfy { $0.seconds <= 30 })

        // The same command without --estimate carries on from the estimate's uploads; killed once two jobs are paid for
        // and their ids recorded (killed between a submit and its answer, a segment is rightly left unknown, not resubmitted).
        server.inject(.delay(seconds: 3), method: "GET", path: "/v1/jobs/")
        let server = server, manifest = output + ".raykit.json"
        let (killed, sent) = try await InterruptTests.run(arguments, environment: server.cliEnvironment(), signal: SIGTERM, within: 400) {
            let recorded = (try? String(contentsOfFile: manifest, encoding: .utf8)).map { $0.components(separatedBy: "\"jobId\"").count - 1 } ?? 0
            return server.requests("POST", "/v1/generate/").filter { $0.query["dryRun"] == nil }.count >= 2 && recorded >= 2
        }
        try #require(sent, "two submits never happened: \(killed.stderr)")
        #expect(killed.status == 128 + SIGTERM, "\(killed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let run = try await RayKitCLI.run(arguments, environment: server.cliEnvironment(), timeout: 600)
        #expect(run.status == 0, "\(run.stderr)")
        if let log = ProcessInfo.processInfo.environment["RAYKIT_WRITE_LONG_TAKE_LOG"] {
            // For the README's example: the runs' own words.
            try (estimate.stderr + estimate.stdout + "\n" + run.stderr + run.stdout).write(toFile: log, atomically: true, encoding: .utf8)
        }
        #expect(submits.count == plan.segments.count, "a segment already submitted is never submitted again")
        // The echo gives back the source, so the whole output matches its guides and no in-shot join stands out.
        #expect(run.stdout.contains("restyled: check edit of the whole output: ok"), "\(run.stdout)")
        #expect(run.stdout.contains("restyled: seam at frame 300 (a cut)") && !run.stdout.contains("stands out"), "\(run.stdout)")

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

    @Test("a pipeline item reframing a 35 s take with --max-segment-seconds 12 is split, run and stitched: 840 frames, each in its place")
    func pipelineReframe() async throws {
        let long = Fixtures.spec("long35s.mp4")
        let spec = folder.file("spec.json")
        let item: [String: Any] = ["name": "wide", "video": long.path, "output": folder.file("wide.mp4"),
                                   "steps": [["step": "reframe", "prompt": "Extend the scene", "aspect-ratio": "9:16"]]]
        try JSONSerialization.data(withJSONObject: ["outputDir": folder.path, "items": [item]]).write(to: URL(fileURLWithPath: spec))
        let run = try await RayKitCLI.run(["pipeline", "run", spec, "--max-segment-seconds", "12"], environment: server.cliEnvironment(), timeout: 600)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Reframe takes no guide frames"), "\(run.stderr)")
        // The echo gives back the 320x180 segments, not the 9:16 picture asked for: the stitched size is checked once.
        #expect(run.stderr.contains("the result for wide.mp4 is 320x180, RayKit predicted 720x1280"), "\(run.stderr)")
        let plan = try longTake(manifest: folder.file("pipeline.raykit.json")).plan
        #expect(plan.segments.count >= 3 && plan.segments.allSatisfy { $0.seconds <= 12 }, "\(plan.segments)")
        #expect(submits.count == plan.segments.count)
        let result = Clip(folder.file("wide.mp4"))
        #expect(try await result.probe().video.frameCount == 840)
        let checked = [0, 839] + plan.segments.dropFirst().flatMap { [$0.firstFrame - 1, $0.firstFrame] }
        let stills = try StillExtractor.images(from: result, at: checked)
        for frame in checked { #expect(FrameStamp.read(stills[frame]!, cell: Double(long.stampCell!)) == frame, "frame \(frame)") }
    }
}
