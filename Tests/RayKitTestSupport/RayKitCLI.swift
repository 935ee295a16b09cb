import Foundation

/// Runs the built `raykit` binary the way a user would, and captures what it prints.
public enum RayKitCLI {
    /// The result of one run.
    public struct Run: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// The process ended by a signal (`status` is then the signal's number), not by exiting.
        public var signalled = false
        /// The run outlived its time bound and was killed with SIGKILL.
        public var timedOut = false

        /// stderr's lines, without the empty one after the last newline.
        public var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty } }
    }

    /// The `raykit` executable next to the test bundle (SwiftPM builds it with the tests).
    public static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("raykit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Fixtures.root.appendingPathComponent(".build/debug/raykit")
    }

    /// Starts `raykit ARGS…` without waiting, its output discarded (for tests that kill it mid-way).
    public static func start(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `raykit ARGS…` to completion.
    ///
    /// - Parameters:
    ///   - timeout: seconds after which the process is killed (SIGKILL) and the run marked `timedOut`; nil waits forever.
    ///   - launcher: a program to run `raykit` through, with its arguments before raykit's path (a shell that
    ///     sets `ulimit -f`, say): the command becomes `launcher… raykit ARGS…`.
    ///   - started: called with the process id once it runs (from the calling task), for a test that signals it.
    ///
    /// The wait happens off Swift's concurrency threads (``offThePool(_:)``), which the test server and the
    /// tests beside this one need.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, timeout: Double? = nil,
                           launcher: [String] = [], started: ((pid_t) -> Void)? = nil) async throws -> Run {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: launcher[0])
            process.arguments = Array(launcher.dropFirst()) + [executable.path] + arguments
        }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        started?(process.processIdentifier)
        return await offThePool { wait(for: process, out: out, err: err, timeout: timeout) }
    }

    /// Reads both pipes to their end and waits for `process`, killing it after `timeout` seconds.
    private static func wait(for process: Process, out: Pipe, err: Pipe, timeout: Double?) -> Run {
        nonisolated(unsafe) var killed = false
        let killer = DispatchWorkItem {
            guard process.isRunning else { return }
            killed = true
            kill(process.processIdentifier, SIGKILL)
        }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
        // Read both pipes while the process runs so a large output cannot block it; on threads of their own,
        // as Dispatch's global queue feeds Swift's concurrency threads.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        Thread { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }.start()
        group.enter()
        Thread { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }.start()
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self),
                   signalled: process.terminationReason == .uncaughtSignal, timedOut: killed)
    }
}
