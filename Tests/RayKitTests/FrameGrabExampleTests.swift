import Foundation
import RayKit
import RayKitTestSupport
import Testing

/// `Examples/FrameGrab`, a package outside RayKit that depends on the `RayKit` product by path, builds and
/// writes the same pixels `raykit frames` does.
///
/// The example is built with `swift build` into `.build-examples/` (its own scratch folder, so it never waits
/// on the build lock of the `swift test` running this): the first build compiles RayKit again, a few minutes
/// on two cores; one job only, so the tests beside it keep a core.
@Suite("Examples/FrameGrab", .timeLimit(.minutes(30)))
struct FrameGrabExampleTests {
    /// The example's binary, built once for every test here.
    static let built = Task { () throws -> URL in
        let package = Fixtures.root.appendingPathComponent("Examples/FrameGrab").path
        let scratch = Fixtures.root.appendingPathComponent(".build-examples").path
        let build = try await run("/usr/bin/env", ["swift", "build", "--package-path", package, "--scratch-path", scratch, "--jobs", "1"])
        guard build.status == 0 else { throw BuildFailure(output: build.output) }
        return URL(fileURLWithPath: scratch).appendingPathComponent("debug/FrameGrab")
    }

    struct BuildFailure: Error, CustomStringConvertible {
        let output: String
        var description: String { "swift build of Examples/FrameGrab failed:\n\(output)" }
    }

    @Test("FrameGrab prints its summary and writes frame N's pixels: the PNG raykit frames writes, stamp N",
          arguments: [("rotated90.mp4", 17), ("anamorphic.mkv", 24), ("hevc10_pq.mp4", 30)])
    func framesMatchTheCLI(_ file: String, _ index: Int) async throws {
        let example = try await Self.built.value
        let spec = Fixtures.spec(file)
        let out = TemporaryDirectory()
        let grab = try await Self.run(example.path, [spec.path, "\(index)", out.file("frame.ppm")])
        #expect(grab.status == 0, "\(grab.output)")
        let lines = grab.output.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(lines == ["clip", "frame", "frame", "frame", "canvas", "plan", "wrote"], "\(grab.output)")

        let cli = try await RayKitCLI.run(["frames", spec.path, "--at", "\(index)", "--out", out.path])
        #expect(cli.status == 0, "\(cli.stderr)")
        let png = try RGBImage(contentsOf: out.file(StillExtractor.fileName(frame: index, format: .png)))
        let ppm = try Self.readPPM(out.file("frame.ppm"))
        #expect(ppm.width == spec.displayWidth && ppm.height == spec.displayHeight)
        #expect(ppm == png)
        #expect(FrameStamp.read(ppm, cell: Double(spec.stampCell!)) == index)
    }

    /// A binary PPM as FrameGrab writes it: `P6\nWIDTH HEIGHT\n255\n`, then the pixels.
    static func readPPM(_ path: String) throws -> RGBImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = data.split(separator: UInt8(ascii: "\n"), maxSplits: 3, omittingEmptySubsequences: false).prefix(3)
            .map { String(decoding: $0, as: UTF8.self) }
        let size = header[1].split(separator: " ").compactMap { Int($0) }
        #expect(header[0] == "P6" && header[2] == "255" && size.count == 2)
        return RGBImage(width: size[0], height: size[1], pixels: [UInt8](data.dropFirst(header.map(\.utf8.count).reduce(3, +))))
    }

    /// Runs a program to its end off Swift's concurrency threads, stdout and stderr together in a file
    /// (a long build log cannot fill a pipe).
    static func run(_ program: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("framegrab-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        await process.exited()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }
}
