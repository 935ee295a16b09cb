import FlyingFox
import FlyingSocks
import Foundation

/// A Scenario REST API look-alike on a real socket at 127.0.0.1, with fault injection, for tests.
///
/// Serves `/v1` (HTTP Basic auth with `apiKey`:`apiSecret`), presigned part uploads under `/s3`
/// and signed downloads under `/signed` (redirecting to `/blob`). The HTTP side is FlyingFox's
/// `HTTPServer`: connections stay open between requests unless the client sends `Connection: close`.
public final class ScenarioTestServer: @unchecked Sendable {
    /// The credentials the server accepts.
    public static let apiKey = "test-key-K3Y", apiSecret = "test-secret-S3CR3T"

    /// The port the server listens on.
    public let port: Int
    private let server: HTTPServer
    private let connections: ConnectionLog
    private let state: ServerState

    /// Binds 127.0.0.1 on a free port and starts serving, returning once the port is listening.
    ///
    /// - Throws: FlyingFox's `SocketError` when the socket cannot be set up.
    public init() async throws {
        let (connections, state) = (ConnectionLog(), ServerState())
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 600, logger: connections)
        Task { try await server.run() }
        try await server.waitUntilListening()
        guard case .ip4(_, let port) = await server.listeningAddress else { throw SocketError.unsupportedAddress }
        await server.appendRoute("*", to: ScenarioHandler(state: state, router: Router(origin: "http://127.0.0.1:\(port)")))
        (self.port, self.server, self.connections, self.state) = (Int(port), server, connections, state)
    }

    /// Stops serving in the background: a test that must know the port is closed awaits ``stop()``.
    deinit {
        let server = server
        Task { await server.stop() }
    }

    /// The API's base URL, `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Closes the listening socket and every open connection, cutting off any answer still under
    /// way; returns once the port no longer accepts. Calling it again does nothing.
    public func stop() async {
        await server.stop()
    }

    /// TCP connections accepted so far; a client that reuses its connection opens one for many requests.
    public var connectionCount: Int { connections.count }

    // MARK: Recorded requests

    /// Every request received in full, in order: API calls, part PUTs and downloads.
    public var requests: [RecordedRequest] { state.requests }

    /// The requests with this method whose path (without query) starts with `pathPrefix`.
    public func requests(_ method: String, _ pathPrefix: String) -> [RecordedRequest] {
        state.requests.filter { $0.method == method && $0.path.hasPrefix(pathPrefix) }
    }

    /// Blocks until `count` requests matching the method and path prefix have been received and
    /// answered (or dropped by a fault), for a test that kills a client right after it submitted.
    ///
    /// - Parameter timeout: the longest wait, in seconds.
    /// - Returns: false when the timeout passed first.
    public func waitForRequest(_ method: String, _ pathPrefix: String, count: Int = 1, timeout: Double) async -> Bool {
        // On a thread of its own: the server answers on Swift's concurrency threads, and Dispatch's global
        // queue feeds those same few threads.
        await withCheckedContinuation { [state] continuation in
            Thread { continuation.resume(returning: state.waitForAnswered(method, pathPrefix, count: count, timeout: timeout)) }.start()
        }
    }

    /// How many `POST /v1/generate/custom/…` requests (not `dryRun`) created a job, for one model or all.
    public func submitCount(modelId: String? = nil) -> Int {
        state.withAPI { api in api.submittedModels.count { modelId == nil || $0 == modelId } }
    }

    // MARK: Faults and scripts

    /// Plays `fault` for the next `times` requests with this method whose path starts with `pathPrefix`.
    ///
    /// Faults are used first-injected first; each matching request consumes one use.
    public func inject(_ fault: Fault, method: String, path pathPrefix: String, times: Int = 1) {
        state.inject(FaultRule(fault: fault, method: method, pathPrefix: pathPrefix, remaining: times))
    }

    /// Queues the script for the next job created; later calls script the jobs after it.
    public func scriptNextJob(_ script: JobScript) {
        state.withAPI { $0.jobScripts.append(script) }
    }

    /// The script for jobs created when no scripted one is queued: unless set, two running polls
    /// (`queued`, `warming-up`), then `success` with one output, `defaultOutput`.
    public var defaultJob: JobScript {
        get { state.withAPI { $0.defaultJob } }
        set { state.withAPI { $0.customDefaultJob = newValue } }
    }

    /// The bytes of the output asset of the default job (empty unless set; tests set a real MP4).
    public var defaultOutput: Data {
        get { state.withAPI { $0.defaultOutput } }
        set { state.withAPI { $0.defaultOutput = newValue } }
    }

    /// Echo mode: a job (not scripted by the test) whose `video` parameter names a stored asset delivers
    /// that asset's bytes, so a test can follow each source segment from upload to result by its pixels.
    public var echoesSource: Bool {
        get { state.withAPI { $0.echoesSource } }
        set { state.withAPI { $0.echoesSource = newValue } }
    }

    /// How many polls of `GET /v1/uploads/{id}` answer `validating` after completion before it
    /// settles (`imported` or `failed`); 1 unless set.
    public var uploadValidationPolls: Int {
        get { state.withAPI { $0.uploadValidationPolls } }
        set { state.withAPI { $0.uploadValidationPolls = newValue } }
    }

    /// How the answer to a submit names the job's id; `.jobId` unless set. The job is created either way.
    public var submitAnswerShape: SubmitAnswerShape {
        get { state.withAPI { $0.submitAnswerShape } }
        set { state.withAPI { $0.submitAnswerShape = newValue } }
    }

    /// Makes the next upload completed end `failed` with this `errorMessage` after validation.
    public func failNextUpload(_ message: String) {
        state.withAPI { $0.nextUploadFailure = message }
    }

    /// Whether `POST /v1/jobs/{id}/action` may cancel; when false it answers
    /// 400 `{"reason":"Cannot cancel this type of job"}`. True unless set.
    public var cancelAllowed: Bool {
        get { state.withAPI { $0.cancelAllowed } }
        set { state.withAPI { $0.cancelAllowed = newValue } }
    }

    // MARK: Stored data

    /// The bytes of an asset: an uploaded image, a reassembled upload, a job output or one added.
    public func assetData(_ id: String) -> Data? {
        state.withAPI { $0.assets[id]?.data }
    }

    /// The MIME type the server holds for an asset.
    public func assetMimeType(_ id: String) -> String? {
        state.withAPI { $0.assets[id]?.mimeType }
    }

    /// Stores bytes as a new asset, as if uploaded earlier.
    ///
    /// - Returns: the new asset's id, `asset_…`.
    @discardableResult
    public func addAsset(_ data: Data, mimeType: String = "video/mp4") -> String {
        state.withAPI { $0.addAsset(data, mimeType: mimeType) }
    }

    /// Creates a job out of band, as Scenario's web app would; it shows in `GET /v1/jobs` but not in
    /// `submitCount`.
    ///
    /// - Parameter script: how the job evolves; `defaultJob` when nil (queued scripts stay for submits).
    /// - Returns: the job's id, `job_…`.
    @discardableResult
    public func createJob(modelId: String, script: JobScript? = nil) -> String {
        state.withAPI { $0.createJob(modelId: modelId, script: script ?? $0.defaultJob).id }
    }

    /// A job's current status (`queued`, `warming-up`, `in-progress`, `success`, `failure`,
    /// `canceled`) without counting as a poll; nil for an unknown id.
    public func jobStatus(_ jobId: String) -> String? {
        state.withAPI { $0.jobs[jobId]?.status }
    }
}
