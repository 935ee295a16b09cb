import Foundation
@testable import RayAPI
import RayKitTestSupport
import ScenarioTestServer

/// A ``ScenarioTestServer`` on a real socket and a ``ScenarioClient`` pointed at it with short
/// intervals (polls from 0.01 s, retries from 0.01 s, 5 MiB parts), plus every line the client logged
/// and every pause it took.
final class ScenarioHarness: Sendable {
    let server: ScenarioTestServer
    let client: ScenarioClient
    let recorder = Recorder()

    /// The Basic token the server expects, built here rather than by the client.
    static let basicToken = Data("\(ScenarioTestServer.apiKey):\(ScenarioTestServer.apiSecret)".utf8).base64EncodedString()
    /// Everything that must never show in an error or a log line.
    static let secrets = [ScenarioTestServer.apiKey, ScenarioTestServer.apiSecret, basicToken]

    /// - Parameters:
    ///   - credentials: what the client sends; the server's own pair unless told.
    ///   - configure: changes to the short test configuration.
    init(projectID: String? = nil,
         credentials: Credentials = Credentials(key: ScenarioTestServer.apiKey, secret: ScenarioTestServer.apiSecret),
         configure: (inout ClientConfiguration) -> Void = { _ in }) async throws {
        server = try await ScenarioTestServer()
        var configuration = ClientConfiguration(baseURL: server.baseURL, projectID: projectID)
        configuration.poll = PollSchedule(initial: 0.01, factor: 1.5, maximum: 0.05)
        configuration.retry = RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.05, maxRetryAfter: 5)
        configuration.apiTimeouts = HTTPTimeouts(connect: 2, total: 10, stalledSeconds: 10)
        configuration.transferTimeouts = HTTPTimeouts(connect: 2, total: nil, stalledSeconds: 10)
        configuration.partSize = 5 * 1024 * 1024
        configure(&configuration)
        let recorder = recorder
        client = ScenarioClient(credentials: credentials, configuration: configuration,
                                log: { recorder.log($0) },
                                sleep: { seconds in
                                    recorder.slept(seconds)
                                    try? await Task.sleep(for: .seconds(seconds))
                                })
    }


    /// Submits a prompt-only job to model `model_test` and returns its id.
    func submitJob(prompt: String = "a lighthouse at dusk") async throws -> String {
        let submission = try await client.submit(model: "model_test", body: Data(#"{"prompt":"\#(prompt)"}"#.utf8))
        guard let jobId = submission.jobId else { throw ScenarioError(.badResponse, "no job id") }
        return jobId
    }
}

/// What the client logged and how long it paused, from any thread.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    private var _pauses: [Double] = []

    func log(_ line: String) { lock.withLock { _lines.append(line) } }
    func slept(_ seconds: Double) { lock.withLock { _pauses.append(seconds) } }

    var lines: [String] { lock.withLock { _lines } }
    var pauses: [Double] { lock.withLock { _pauses } }
}

/// Files of deterministic random bytes in a fresh folder.
extension TemporaryDirectory {
    /// Writes `count` seeded random bytes to `name` and returns the path and the bytes.
    func randomFile(_ name: String, count: Int, seed: UInt64 = 7) throws -> (path: String, data: Data) {
        var generator = SeededGenerator(seed: seed)
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let whole = raw.count / 8 * 8
            for offset in stride(from: 0, to: whole, by: 8) { raw.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self) }
            for index in whole..<raw.count { raw[index] = UInt8(truncatingIfNeeded: generator.next()) }
        }
        let path = file(name)
        try data.write(to: URL(fileURLWithPath: path))
        return (path, data)
    }
}

/// Runs `body` and returns the `ScenarioError` it threw, or nil when it returned.
func scenarioError<T>(_ body: () async throws(ScenarioError) -> T) async -> ScenarioError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
