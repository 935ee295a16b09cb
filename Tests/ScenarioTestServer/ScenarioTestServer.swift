import Foundation

/// A Scenario REST API look-alike on a real socket at 127.0.0.1, with fault injection, for tests.
///
/// Serves `/v1` (HTTP Basic auth with `apiKey`:`apiSecret`), presigned part uploads under `/s3`
/// and signed downloads under `/signed` (redirecting to `/blob`). Every connection gets one
/// thread and one answer, then `Connection: close`.
public final class ScenarioTestServer: @unchecked Sendable {
    /// The credentials the server accepts.
    public static let apiKey = "test-key-K3Y", apiSecret = "test-secret-S3CR3T"

    /// The port the server listens on.
    public let port: Int
    private let listener: Listener
    private let state = ServerState()

    /// Binds 127.0.0.1 on a free port and starts accepting on a background thread.
    ///
    /// - Throws: `ServerError` when the socket cannot be set up.
    public init() throws {
        listener = try Listener()
        port = listener.port
        let (listener, state) = (listener, state)
        let router = Router(origin: "http://127.0.0.1:\(port)")
        Thread {
            while let fd = listener.accept() {
                Thread { Self.serve(HTTPConnection(fd: fd), state: state, router: router) }.start()
            }
        }.start()
    }

    deinit { stop() }

    /// The API's base URL, `http://127.0.0.1:PORT/v1`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Stops accepting connections; those already accepted are still answered. Calling it again does nothing.
    public func stop() {
        listener.shutdown()
    }

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
    public func waitForRequest(_ method: String, _ pathPrefix: String, count: Int = 1, timeout: Double) -> Bool {
        state.waitForAnswered(method, pathPrefix, count: count, timeout: timeout)
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

    /// How many polls of `GET /v1/uploads/{id}` answer `validating` after completion before it
    /// settles (`imported` or `failed`); 1 unless set.
    public var uploadValidationPolls: Int {
        get { state.withAPI { $0.uploadValidationPolls } }
        set { state.withAPI { $0.uploadValidationPolls = newValue } }
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

    /// A job's current status (`queued`, `warming-up`, `in-progress`, `success`, `failure`,
    /// `canceled`) without counting as a poll; nil for an unknown id.
    public func jobStatus(_ jobId: String) -> String? {
        state.withAPI { $0.jobs[jobId]?.status }
    }

    // MARK: Serving

    /// Reads one request, plays any fault that matches it, else answers from its route, then closes.
    private static func serve(_ connection: HTTPConnection, state: ServerState, router: Router) {
        let request: RecordedRequest
        do {
            request = try connection.readRequest()
        } catch .malformed(let what) {
            return connection.respond(.reason(400, "Malformed request: \(what)"))
        } catch {
            return connection.close()
        }
        let index = state.record(request)
        defer { state.markAnswered(index) }
        let fault = state.takeFault(method: request.method, path: request.path)
        switch fault {
        case .status(let status, let json, let headers):
            var response = HTTPResponse(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: Data(json.utf8))
            if !headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
                response.headers.insert(("Content-Type", "application/json"), at: 0)
            }
            return connection.respond(response)
        case .dropConnection:
            return connection.close()
        case .delay(let seconds):
            Thread.sleep(forTimeInterval: seconds)
        case .redirectToSelf:
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?")
            let query = request.query.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }.joined(separator: "&")
            let location = request.path + (query.isEmpty ? "" : "?" + query)
            return connection.respond(HTTPResponse(status: 302, headers: [("Location", location)]))
        case .truncateBody, nil:
            break
        }
        let response = state.withAPI { router.respond(to: request, in: &$0) }
        if case .truncateBody = fault {
            connection.respond(response, truncated: true)
        } else {
            connection.respond(response)
        }
    }
}
