import Foundation
import RayKitTestSupport
import RayMedia
import Testing

/// Every file of the bad-input corpus (`fixtures/bad`, made by its `make.sh`) through `probe`, `frames`,
/// `crop` and `preflight --fix`, as a user would run them: exit 0 with a right answer, or exit 1 with one
/// line naming the file; never a signal, never a hang, never a file or a `.partial` left after a failure.
///
/// The outcomes are the table in `fixtures/bad/README.md`; `RAYKIT_WRITE_BAD_TABLE=1` rewrites it, else the
/// table must match what raykit does.
@Suite("bad inputs")
struct BadInputTests {
    struct Entry: Decodable, Sendable {
        let file: String
        let what: String
        let from: String?
    }

    static let folder = Fixtures.root.appendingPathComponent("fixtures/bad")
    static let entries: [Entry] = {
        struct Manifest: Decodable { let files: [Entry] }
        let url = folder.appendingPathComponent("manifest.json")
        return try! JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)).files
    }()

    /// Seconds any one command may take on a bad file before it counts as a hang.
    static let timeBound = 20.0

    enum Command: String, CaseIterable, Sendable {
        case probe, frames, crop, fix = "preflight --fix"
    }

    struct Outcome: Sendable {
        let file: String
        let command: Command
        let run: RayKitCLI.Run
        /// What went wrong against the contract, if anything.
        var problems: [String] = []

        /// `0` or `1: the line`, paths made relative to the repository and the output folder.
        func cell(scratch: String) -> String {
            if run.timedOut { return "killed after \(Int(BadInputTests.timeBound)) s" }
            if run.signalled { return "signal \(run.status)" }
            guard run.status != 0 else { return "0" }
            let line = run.stderr.trimmingCharacters(in: .newlines)
                .replacingOccurrences(of: "\(scratch)/\(file)-\(command)/", with: "OUT/")
                .replacingOccurrences(of: Fixtures.root.path + "/", with: "")
                .replacingOccurrences(of: "|", with: "\\|")
            return "\(run.status): `\(line)`"
        }
    }

    /// Runs one command on one file in `scratch` and checks the contract.
    static func check(_ entry: Entry, _ command: Command, scratch: String) async throws -> Outcome {
        let input = folder.appendingPathComponent(entry.file).path
        // A folder of its own, so another command's partial file in flight is not taken for a leftover.
        let own = (scratch as NSString).appendingPathComponent("\(entry.file)-\(command)")
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        let base = (own as NSString).appendingPathComponent("out")
        let output: String
        let arguments: [String]
        switch command {
        case .probe:
            output = ""
            arguments = ["probe", "--json", input]
        case .frames:
            output = base + ".stills"
            arguments = ["frames", input, "--at", "0,end", "--out", output]
        case .crop:
            output = base + ".crop.mp4"
            arguments = ["crop", input, "--to", "1:1", "-o", output, "--quiet"]
        case .fix:
            output = base + ".fixed.mp4"
            arguments = ["preflight", input, "--for", "edit", "--fix", output, "--quiet"]
        }
        let run = try await RayKitCLI.run(arguments, timeout: timeBound)
        var outcome = Outcome(file: entry.file, command: command, run: run)
        func problem(_ text: String) { outcome.problems.append("\(entry.file) \(command.rawValue): \(text)") }
        if run.timedOut { problem("still running after \(timeBound) s") }
        else if run.signalled { problem("killed by signal \(run.status)") }
        else if run.status == 1 {
            if run.stderrLines.count != 1 { problem("\(run.stderrLines.count) stderr lines: \(run.stderr)") }
            if !run.stderr.hasPrefix("raykit: \(input): ") { problem("the error does not start with the file: \(run.stderr)") }
            if !output.isEmpty && FileManager.default.fileExists(atPath: output) { problem("failed but left \(output)") }
        } else if run.status == 0 {
            problem(contentsProblem(command, output: output, stdout: run.stdout) ?? "")
            outcome.problems.removeAll { $0.hasSuffix(": ") }
        } else {
            problem("exit status \(run.status): \(run.stderr)")
        }
        let leftovers = (FileManager.default.enumerator(atPath: own)?.allObjects as? [String] ?? []).filter { $0.contains(".partial") }
        if !leftovers.isEmpty { problem("left \(leftovers)") }
        return outcome
    }

    /// What is wrong with a successful command's answer, or nil.
    static func contentsProblem(_ command: Command, output: String, stdout: String) -> String? {
        switch command {
        case .probe:
            guard let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
                  let video = object["video"] as? [String: Any], (video["frameCount"] as? Int ?? 0) > 0 else {
                return "exit 0 without a video and its frames: \(stdout.prefix(200))"
            }
        case .frames:
            let stills = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
            guard stills.count == 2,
                  stills.allSatisfy({ (try? RGBImage(contentsOf: (output as NSString).appendingPathComponent($0))) != nil }) else {
                return "exit 0 but stills \(stills)"
            }
        case .crop, .fix:
            guard let probe = try? MediaProbe.probe(output) else { return "exit 0 but \(output) does not probe" }
            if command == .crop && probe.video.displayWidth != probe.video.displayHeight {
                return "crop is \(probe.video.displayWidth)x\(probe.video.displayHeight), not 1:1"
            }
        }
        return nil
    }

    @Test("every bad file: exit 0 with an answer or 1 with one line naming it; no signal, hang or leftover")
    func corpus() async throws {
        let folder = TemporaryDirectory()
        let scratch = folder.path
        let jobs = Self.entries.flatMap { entry in Command.allCases.map { (entry, $0) } }
        // As many runs at once as there are cores; outcomes kept in the jobs' order.
        var outcomes: [Outcome] = []
        let width = ProcessInfo.processInfo.activeProcessorCount
        for batch in stride(from: 0, to: jobs.count, by: width) {
            outcomes += await withTaskGroup(of: (Int, Outcome?).self) { group in
                for i in batch..<min(batch + width, jobs.count) {
                    let (entry, command) = jobs[i]
                    group.addTask {
                        do { return (i, try await Self.check(entry, command, scratch: scratch)) } catch {
                            Issue.record(Comment(rawValue: "\(entry.file) \(command.rawValue): \(error)"))
                            return (i, nil)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }.compactMap(\.1)
            }
        }
        for problem in outcomes.flatMap(\.problems) { Issue.record(Comment(rawValue: problem)) }

        let table = Self.table(outcomes, scratch: scratch)
        let readme = Self.folder.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let (start, end) = ("<!-- outcomes: written by BadInputTests -->\n", "<!-- end of outcomes -->")
        guard let from = text.range(of: start), let to = text.range(of: end) else {
            Issue.record("README.md has no outcome markers")
            return
        }
        let updated = text.replacingCharacters(in: from.upperBound..<to.lowerBound, with: table)
        if ProcessInfo.processInfo.environment["RAYKIT_WRITE_BAD_TABLE"] == "1" {
            try updated.write(to: readme, atomically: true, encoding: .utf8)
        } else {
            #expect(updated == text, "fixtures/bad/README.md's table differs from what raykit does: RAYKIT_WRITE_BAD_TABLE=1 swift test --filter BadInputTests")
        }
    }

    @Test("a declared size no decoder takes (65535x65535 in tkhd and avc1): the stream's own 320x180 is decoded, the right frames")
    func hugeDeclaredSizeDecodes() async throws {
        let folder = TemporaryDirectory()
        let run = try await RayKitCLI.run(["frames", Self.folder.appendingPathComponent("huge_declared.mp4").path, "--at", "0,17,end", "--out", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let cell = Double(try #require(Fixtures.spec("range_tv_only.mp4").stampCell))
        for n in [0, 17, 29] {
            let image = try RGBImage(contentsOf: folder.file(StillExtractor.fileName(frame: n, format: .png)))
            #expect(image.width == 320 && image.height == 180)
            #expect(FrameStamp.read(image, cell: cell) == n)
        }
    }

    /// The Markdown table: one row per file, one column per command.
    static func table(_ outcomes: [Outcome], scratch: String) -> String {
        var rows = ["| file | what | probe | frames --at 0,end | crop --to 1:1 | preflight --for edit --fix |", "|---|---|---|---|---|---|"]
        for entry in entries {
            let cells = Command.allCases.map { command in
                outcomes.first { $0.file == entry.file && $0.command == command }?.cell(scratch: scratch) ?? "?"
            }
            let what = entry.what + (entry.from.map { " (from `\($0)`)" } ?? "")
            rows.append("| `\(entry.file)` | \(what) | " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
