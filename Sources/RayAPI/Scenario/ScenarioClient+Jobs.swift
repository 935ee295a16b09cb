import Foundation
import RayModels

extension ScenarioClient {
    /// Starts a job: `POST /generate/custom/{modelId}` with the request, encoded here (``RayRequest/body()``).
    ///
    /// - Parameter request: the request with every file already uploaded (asset ids only).
    /// - Parameter dryRun: ask only for the cost (`?dryRun=true`); nothing runs.
    /// - Throws: `.invalidRequest` for a request that still names a local file or cannot be encoded; else as
    ///   ``submit(model:body:dryRun:)``.
    public func submit(_ request: RayRequest, dryRun: Bool = false) async throws(ScenarioError) -> Submission {
        if let file = request.localFiles.first {
            throw ScenarioError(.invalidRequest, "the \(request.model.rawValue) request still names the local file \(file): upload it first")
        }
        let body: Data
        do { body = try request.body() } catch {
            throw ScenarioError(.invalidRequest, "cannot encode the \(request.model.rawValue) request: \(error)")
        }
        return try await submit(model: request.model.rawValue, body: body, dryRun: dryRun)
    }

    /// The HTTP exchange of a submit: `body` posted as it is.
    ///
    /// A submit is paid for, so it is re-sent only when the server certainly did not act on it (429 without
    /// an action limit, 503, or no connection made). When the answer is lost after the body went out, or
    /// the submit is stopped (its task cancelled) in flight, the error is `.submitOutcomeUnknown`: the job may exist.
    func submit(model: String, body: Data, dryRun: Bool = false) async throws(ScenarioError) -> Submission {
        let path = "/generate/custom/\(model)"
        let endpoint = "POST \(path)"
        let data: Data
        do {
            data = try await call("POST", path, query: dryRun ? ["dryRun": "true"] : [:], body: body, fresh: !dryRun) { error in
                dryRun ? error.isTransient : (error.certainlyRefused && error.actionLimit == nil) || error.neverSent
            }
        } catch where !dryRun && (error.kind == .transport || error.kind == .cancelled || [500, 502, 504].contains(error.status ?? 0))
                    && !error.neverSent {
            // Stopped mid-transfer is as unknown as a reset: the body may have reached the server.
            throw ScenarioError(.submitOutcomeUnknown, "\(error.message): the job may have been created and charged")
        }
        return try Submission(answer: data, endpoint: endpoint, dryRun: dryRun)
    }

    /// The job's current state: `GET /jobs/{jobId}`.
    public func job(_ jobId: String) async throws(ScenarioError) -> Job {
        let path = "/jobs/\(jobId)"
        return try decode(JobAnswer.self, from: await call("GET", path), endpoint: "GET \(path)").job
    }

    /// Polls a job until it finishes, with growing pauses (``PollSchedule``).
    ///
    /// A poll that gets no job status (a 5xx, a 429, an HTML page from a proxy, a dropped connection) is
    /// tried again after the retry policy's pause and said once through `note`; the job id is never given up.
    /// The wait ends within about a second of `timeout`, whatever the pauses and the API's own time limit.
    /// - Parameters:
    ///   - timeout: seconds to wait in all; then `.timedOut` (the job itself goes on), naming the last
    ///     server error when the last poll failed.
    ///   - note: called with each status seen and each change in the polls' trouble.
    /// - Returns: the job once `success`.
    /// - Throws: `.jobFailed` for `failure` or `canceled` (with `metadata.error`), `.timedOut`, `.cancelled`,
    ///   and what the server answered when it refused the poll itself (401, 404).
    public func wait(for jobId: String, timeout: Double, note: (WaitNote) -> Void = { _ in }) async throws(ScenarioError) -> Job {
        let deadline = Date().addingTimeInterval(timeout)
        var interval = configuration.poll.initial
        var failures = 0
        var trouble: String?
        while true {
            if Task.isCancelled { throw ScenarioError(.cancelled, "stopped waiting for job \(jobId)") }
            var pause = interval
            do throws(ScenarioError) {
                let current = try await poll(jobId, until: deadline)
                if trouble != nil { note(.recovered) }
                (failures, trouble) = (0, nil)
                note(.status(current))
                if case .other(let status) = current.status {
                    log(credentials.redact("job \(jobId): unknown status \"\(status)\", treated as still running"))
                }
                if let ended = try Self.outcome(of: current, redactingWith: credentials) { return ended }
                interval = configuration.poll.next(after: interval)
            } catch where error.isPollTrouble {
                failures += 1
                pause = configuration.retry.delay(after: failures, retryAfter: error.retryAfter)
                let words = error.message.replacingOccurrences(of: "GET /jobs/\(jobId): ", with: "")
                if words != trouble { note(.trouble(words, retryIn: min(pause, max(0, deadline.timeIntervalSinceNow)))) }
                trouble = words
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw ScenarioError(.timedOut, "job \(jobId) " + (trouble.map { "gave no status: Scenario's last answer was \($0)" } ?? "still running")
                    + " after \(Int(timeout.rounded())) s")
            }
            try await pauseOrStop(min(pause, remaining), "waiting for job \(jobId)")
        }
    }

    /// One poll, never retried here, its time limit cut to what is left of the wait (at least a second).
    private func poll(_ jobId: String, until deadline: Date) async throws(ScenarioError) -> Job {
        var limits = configuration.apiTimeouts
        let left = max(1, deadline.timeIntervalSinceNow + 1)
        limits.total = min(limits.total ?? left, left)
        limits.connect = min(limits.connect, left)
        let path = "/jobs/\(jobId)"
        return try decode(JobAnswer.self, from: await call("GET", path, timeouts: limits, retrying: { _ in false }), endpoint: "GET \(path)").job
    }

    /// The job when it succeeded, nil while it runs; throws when it failed or was canceled.
    private static func outcome(of job: Job, redactingWith credentials: Credentials) throws(ScenarioError) -> Job? {
        // metadata.error and the status are the server's words: redacted like an HTTP error body.
        switch job.status {
        case .success: return job
        case .failure: throw ScenarioError(.jobFailed, credentials.redact("job \(job.jobId) failed: \(job.error ?? "no reason given")"))
        case .canceled: throw ScenarioError(.jobFailed, credentials.redact("job \(job.jobId) was canceled" + (job.error.map { ": \($0)" } ?? "")))
        default: return nil
        }
    }

    /// Asks Scenario to cancel a job. Some jobs cannot be canceled: the API's refusal is thrown as it came.
    public func cancel(_ jobId: String) async throws(ScenarioError) {
        _ = try await call("POST", "/jobs/\(jobId)/action", body: Data(#"{"action":"cancel"}"#.utf8))
    }
}

extension ScenarioClient {
    /// Recent jobs, newest first: `GET /jobs`, page by page, keeping those of `model` created at or after `since`.
    ///
    /// - Parameters:
    ///   - model: a model id (`model_luma-ray-3-2-edit`); nil for every model.
    ///   - since: the earliest creation time kept; paging stops at the first older job.
    ///   - limit: the most jobs returned.
    public func recentJobs(model: String?, since: Date?, limit: Int) async throws(ScenarioError) -> [Job] {
        var found: [Job] = []
        var token: String?
        repeat {
            var query = ["pageSize": "50"]
            if let token { query["paginationToken"] = token }
            let page = try decode(JobPage.self, from: await call("GET", "/jobs", query: query), endpoint: "GET /jobs")
            for job in page.jobs {
                if let since, let created = job.createdAt.flatMap(Self.date), created < since { return found }
                if model == nil || job.modelId == model { found.append(job) }
                if found.count == limit { return found }
            }
            token = page.nextPaginationToken
        } while token != nil
        return found
    }

    /// An ISO 8601 time as Scenario writes it, with or without milliseconds.
    static func date(_ text: String) -> Date? {
        let precise = ISO8601DateFormatter()
        precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return precise.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

/// `{"jobs": […], "nextPaginationToken": …}` as `GET /jobs` answers.
struct JobPage: Decodable {
    let jobs: [Job]
    let nextPaginationToken: String?
}

/// What happens while waiting for a job, for a person to see.
public enum WaitNote: Sendable {
    /// A poll answered with the job's state (every poll: the caller keeps what changed).
    case status(Job)
    /// A poll got no job status: the server's words, and seconds until the next poll.
    case trouble(String, retryIn: Double)
    /// Polls answer again after trouble.
    case recovered

    /// The line a person sees for trouble or its end (`poll of job_1: HTTP 500: …, trying again in 4 s`); nil for a status.
    public var line: String? {
        switch self {
        case .status: nil
        case .trouble(let words, let pause): "\(words), trying again in \(Int(pause.rounded(.up))) s"
        case .recovered: "Scenario answers again"
        }
    }
}
