import Foundation
import RayKitTestSupport
import RayVersion
import Testing

/// `raykit --version`: RayKit's version, then the FFmpeg and libcurl it runs against, as Debian's own tools name them.
@Suite("version")
struct VersionCommandTests {
    /// What a command prints on stdout, trimmed.
    func output(_ command: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("--version prints RayKit's semantic version, FFmpeg's release and library versions, and libcurl's")
    func version() async throws {
        let run = try await RayKitCLI.run(["--version"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(run.stdout)")
        #expect(lines[0] == "raykit \(RayKitVersion.current)")
        #expect(RayKitVersion.current.wholeMatch(of: /(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)/) != nil)
        // `ffmpeg -version` starts "ffmpeg version 5.1.6-0+deb12u1 Copyright …".
        let release = try output("ffmpeg", ["-hide_banner", "-version"]).split(separator: " ")[2]
        #expect(lines[1].hasPrefix("FFmpeg \(release) ("), "\(lines[1])")
        for library in ["libavformat", "libavcodec", "libswscale", "libswresample", "libavutil"] {
            let version = try output("pkg-config", ["--modversion", library])
            #expect(lines[1].contains("\(library) \(version)"), "\(library) \(version): \(lines[1])")
        }
        #expect(lines[2].hasPrefix("libcurl \(try output("pkg-config", ["--modversion", "libcurl"]))"), "\(lines[2])")
    }
}
