import Foundation
import RayKitTestSupport
import RayMedia
import Testing

/// File names and places a user can throw at `raykit`: quotes, newlines and non-ASCII in names, folders
/// that do not exist or cannot be written, an output that is the input, a disk that fills up.
@Suite("hostile paths and outputs")
struct HostilePathTests {
    let folder = TemporaryDirectory()

    /// A name with a space, both quotes, a newline and non-ASCII letters.
    static let hostile = "in \"q\" 'x'\n é ☃"

    /// A copy of a fixture under a new name in the test's folder.
    func copy(_ fixture: String, as name: String) throws -> String {
        let path = folder.file(name)
        try FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: path)
        return path
    }

    /// Every file under the test's folder whose name marks it as in progress.
    var partials: [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.contains(".partial") }
    }

    func expectOneLine(_ run: RayKitCLI.Run, containing words: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderrLines.count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(words), "\(run.stderr)", sourceLocation: sourceLocation)
    }

    @Test("names with spaces, quotes, a newline and non-ASCII: probe, frames, crop and --fix read and write them; missing folders are made")
    func hostileNames() async throws {
        let clip = try copy("range_tv_only.mp4", as: Self.hostile + ".mp4")
        let probe = try await RayKitCLI.run(["probe", "--json", clip])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])?["file"] as? String == clip)

        let stills = folder.file("stills \"ï\"\nl/more ☃")
        let frames = try await RayKitCLI.run(["frames", clip, "--at", "0,end", "--out", stills])
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(FileManager.default.fileExists(atPath: (stills as NSString).appendingPathComponent("frame_000029.png")))

        let cropped = folder.file("new dir/ü \"c\"\n'x'.mp4")
        let crop = try await RayKitCLI.run(["crop", clip, "--to", "1:1", "-o", cropped, "--preset", "ultrafast", "--quiet"])
        #expect(crop.status == 0, "\(crop.stderr)")
        #expect(try MediaProbe.probe(cropped).video.displayWidth == 180)

        // A TS is remuxed into MP4 (its own writer), an anamorphic MKV re-encoded: both into folders not there yet.
        for (fixture, output) in [("ts_offset.ts", "nd/a b/fix é\n.mp4"), ("anamorphic.mkv", "nd2/\"q\"/fix ☃.mp4")] {
            let source = try copy(fixture, as: Self.hostile + "." + (fixture as NSString).pathExtension)
            let fixed = folder.file(output)
            let fix = try await RayKitCLI.run(["preflight", source, "--for", "edit", "--fix", fixed, "--quiet"])
            #expect(fix.status == 0, "\(fix.stderr)")
            #expect(try MediaProbe.probe(fixed).container.hasPrefix("mov,mp4"))
        }
        #expect(partials.isEmpty)
    }

    @Test("an error about a file whose name holds a newline is still one line, the newline written as \\n")
    func errorIsOneLine() async throws {
        let empty = folder.file("z\nb 'q'.mp4")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for arguments in [["probe", empty], ["crop", empty, "--to", "1:1", "-o", folder.file("o.mp4")],
                          ["frames", empty, "--at", "0", "--out", folder.file("s")]] {
            let run = try await RayKitCLI.run(arguments)
            expectOneLine(run, containing: "z\\nb 'q'.mp4: file is empty")
        }
    }

    @Test("stdout lines that name a file with a newline stay one line each: probe's header, crop's summary, frames' stills")
    func stdoutIsOneLinePerFact() async throws {
        let clip = try copy("range_tv_only.mp4", as: "two\nlines.mp4")
        let probe = try await RayKitCLI.run(["probe", clip])
        #expect(probe.status == 0, "\(probe.stderr)")
        let header = try #require(probe.stdout.split(separator: "\n").first)
        #expect(header == folder.file("two\\nlines.mp4"))
        #expect(probe.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("  ") }, "\(probe.stdout)")

        let crop = try await RayKitCLI.run(["crop", clip, "--to", "1:1", "-o", folder.file("out\nput.mp4"), "--preset", "ultrafast", "--quiet"])
        #expect(crop.status == 0, "\(crop.stderr)")
        #expect(crop.stdout == "cropped \(folder.file("two\\nlines.mp4")) 320x180 → window 180x180 at (70,0) → \(folder.file("out\\nput.mp4")): 30 frames, h264\n")
        #expect(FileManager.default.fileExists(atPath: folder.file("out\nput.mp4")), "the file itself keeps its name")

        let frames = try await RayKitCLI.run(["frames", clip, "--at", "0,end", "--out", folder.file("st\nills")])
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(frames.stdout.split(separator: "\n").count == 2 && frames.stdout.contains("st\\nills/frame_000029.png"), "\(frames.stdout)")
    }

    /// Runs `raykit` so that file permissions bind: as `nobody` when the tests run as root (when `nobody`
    /// can reach the built binary: a checkout inside a private folder hides it).
    static var unprivileged: [String]? {
        guard getuid() == 0 else { return [] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), othersCanReach(RayKitCLI.executable.path) else { return nil }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    }

    /// Whether every folder above `path` lets others through and `path` lets them run it.
    static func othersCanReach(_ path: String) -> Bool {
        var url = URL(fileURLWithPath: path)
        while url.path != "/" {
            guard let permissions = try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int,
                  permissions & 0o001 != 0 else { return false }
            url = url.deletingLastPathComponent()
        }
        return true
    }

    @Test("a read-only output folder: one clear line (Permission denied) from every writer, nothing written",
          .enabled(if: unprivileged != nil, "root without setpriv, or raykit in a folder nobody can reach: permissions do not bind"))
    func readOnlyFolder() async throws {
        let launcher = try #require(Self.unprivileged)
        chmod(folder.path, 0o755)
        let clip = try copy("range_tv_only.mp4", as: "clip.mp4")
        let ts = try copy("ts_offset.ts", as: "clip.ts")
        let locked = folder.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        let runs: [[String]] = [
            ["crop", clip, "--to", "1:1", "-o", locked + "/c.mp4", "--quiet"],
            ["crop", clip, "--to", "1:1", "-o", locked + "/sub/c.mp4", "--quiet"],
            ["frames", clip, "--at", "0,end", "--out", locked],
            ["frames", clip, "--at", "0,end", "--out", locked + "/sub"],
            ["preflight", ts, "--for", "edit", "--fix", locked + "/f.mp4", "--quiet"],
            ["preflight", try copy("anamorphic.mkv", as: "clip.mkv"), "--for", "edit", "--fix", locked + "/sub/f.mp4", "--quiet"],
        ]
        for arguments in runs {
            let run = try await RayKitCLI.run(arguments, launcher: launcher)
            expectOneLine(run, containing: "Permission denied")
            #expect(run.stderr.contains(locked), "the line names the place: \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test("an output that is the input (same path, a symlink, a hard link) is refused, even with --force; the input is untouched")
    func outputIsInput() async throws {
        let clip = try copy("range_tv_only.mp4", as: "clip.mp4")
        let ts = try copy("ts_offset.ts", as: "clip.ts")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.mp4"), withDestinationPath: clip)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.ts"), withDestinationPath: ts)
        try FileManager.default.linkItem(atPath: clip, toPath: folder.file("hard.mp4"))
        let before = try [clip, ts].map { try FileDigest.sha256($0) }

        #expect(try await RayKitCLI.run(["crop", clip, "--to", "1:1", "-o", clip]).stderr.contains("already exists"))
        for output in [clip, folder.file("link.mp4"), folder.file("hard.mp4")] {
            expectOneLine(try await RayKitCLI.run(["crop", clip, "--to", "1:1", "-o", output, "--force", "--quiet"]), containing: "is the input")
            // Re-encoded fix (the clip is 180 lines: it is scaled) and remuxed fix (a TS becomes MP4).
            expectOneLine(try await RayKitCLI.run(["preflight", clip, "--for", "edit", "--fix", output, "--force", "--quiet"]),
                          containing: "is the input")
        }
        for output in [ts, folder.file("link.ts")] {
            expectOneLine(try await RayKitCLI.run(["preflight", ts, "--for", "edit", "--fix", output, "--force", "--quiet"]),
                          containing: "is the input")
        }
        // Stills go into a folder: a video where the folder should be is named, never written over.
        expectOneLine(try await RayKitCLI.run(["frames", clip, "--at", "0", "--out", clip, "--force"]), containing: "is not a folder")
        expectOneLine(try await RayKitCLI.run(["frames", clip, "--at", "0", "--out", folder.file("link.mp4")]), containing: "is not a folder")
        #expect(try [clip, ts].map { try FileDigest.sha256($0) } == before)
        #expect(partials.isEmpty)
    }

    /// Runs a system tool to completion; true when it exited 0.
    static func tool(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("a really full disk (a 64 kB tmpfs, when this runs as root and may mount): No space left on device, nothing left",
          .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")))
    func fullTmpfs() async throws {
        let disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        guard Self.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]) else { return }  // no CAP_SYS_ADMIN here
        defer { _ = Self.tool("/bin/umount", [disk]) }
        let clip = try copy("long35s.mp4", as: "long.mp4")
        let before = try FileDigest.sha256(clip)
        for arguments in [["crop", clip, "--to", "1:1", "-o", disk + "/crop.mp4", "--preset", "ultrafast", "--quiet"],
                          ["preflight", Fixtures.path("ts_offset.ts"), "--for", "edit", "--fix", disk + "/remux.mp4", "--quiet"],
                          ["frames", clip, "--at", "every:2", "--out", disk + "/stills"]] {
            expectOneLine(try await RayKitCLI.run(arguments), containing: "No space left on device")
            #expect(try FileManager.default.contentsOfDirectory(atPath: disk).isEmpty, "\(arguments[0]) left files")
        }
        #expect(try FileDigest.sha256(clip) == before)
    }

    /// `sh -c 'ulimit -f BLOCKS; exec raykit …'`: the disk is full once the output reaches BLOCKS × 512 bytes.
    static func fileSizeLimit(blocks: Int) -> [String] {
        ["/bin/sh", "-c", "ulimit -f \(blocks) && exec \"$@\"", "sh"]
    }

    @Test("a full disk (ulimit -f): one clear line (File too large), no output, no partial, the input's SHA-256 unchanged")
    func fullDisk() async throws {
        let clip = try copy("long35s.mp4", as: "long.mp4")
        let before = try FileDigest.sha256(clip)
        let runs: [(arguments: [String], output: String)] = [
            (["crop", clip, "--to", "1:1", "-o", folder.file("out/crop.mp4"), "--preset", "ultrafast", "--quiet"], folder.file("out/crop.mp4")),
            (["preflight", clip, "--for", "edit", "--fix", folder.file("out/fix.mp4"), "--quiet"], folder.file("out/fix.mp4")),
            (["preflight", Fixtures.path("ts_offset.ts"), "--for", "edit", "--fix", folder.file("out/remux.mp4"), "--quiet"], folder.file("out/remux.mp4")),
            (["frames", clip, "--at", "every:24", "--out", folder.file("stills")], folder.file("stills")),
        ]
        for (arguments, output) in runs {
            let run = try await RayKitCLI.run(arguments, launcher: Self.fileSizeLimit(blocks: arguments[0] == "frames" ? 1 : 64))
            expectOneLine(run, containing: "File too large")
            #expect(!FileManager.default.fileExists(atPath: output), "\(arguments[0]) left \(output)")
        }
        #expect(partials.isEmpty)
        #expect(try FileDigest.sha256(clip) == before)
    }
}
