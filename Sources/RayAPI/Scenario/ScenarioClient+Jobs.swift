import Foundation

extension ScenarioClient {
    /// Starts a job: `POST /generate/custom/{modelId}` with the request body (asset ids, no local files).
    ///
    /// A submit is paid for, so it is re-sent only when the server certainly did not act on it (429 without
    /// an action limit, 503, or no connection made). When the answer is lost after the body went out, or
    /// the submit is stopped (`isCancelled`) in flight, the error is `.submitOutcomeUnknown`: the job may exist.
    /// - Parameter dryRun: ask only for the cost (`?dryRun=true`); nothing runs.
    public func submit(model: String, body: Data, dryRun: Bool = false) throws(ScenarioError) -> Submission {
        let path = "/generate/custom/\(model)"
        let endpoint = "POST \(path)"
        let data: Data
        do {
            data = try call("POST", path, query: dryRun ? ["dryRun": "true"] : [:], body: body) { error in
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
    public func job(_ jobId: String) throws(ScenarioError) -> Job {
        let path = "/jobs/\(jobId)"
        return try decode(JobAnswer.self, from: call("GET", path), endpoint: "GET \(path)").job
    }

    /// Polls a job until it finishes, with growing pauses (``PollSchedule``).
    ///
    /// Passing failures while polling are logged and polling goes on: the job id is kept, never given up.
    /// - Parameters:
    ///   - timeout: seconds to wait in all; then `.timedOut` (the job itself goes on).
    ///   - update: called with each state seen.
    /// - Returns: the job once `success`.
    /// - Throws: `.jobFailed` for `failure` or `canceled` (with `metadata.error`), `.timedOut`, `.cancelled`.
    public func wait(for jobId: String, timeout: Double, update: (Job) -> Void = { _ in }) throws(ScenarioError) -> Job {
        let deadline = Date().addingTimeInterval(timeout)
        var interval = configuration.poll.initial
        while true {
            if isCancelled() { throw ScenarioError(.cancelled, "stopped waiting for job \(jobId)") }
            do throws(ScenarioError) {
                let current = try job(jobId)
                update(current)
                switch current.status {
                case .success: return current
                // metadata.error and the status are the server's words: redacted like an HTTP error body.
                case .failure: throw ScenarioError(.jobFailed, credentials.redact("job \(jobId) failed: \(current.error ?? "no reason given")"))
                case .canceled: throw ScenarioError(.jobFailed, credentials.redact("job \(jobId) was canceled" + (current.error.map { ": \($0)" } ?? "")))
                case .other(let status): log(credentials.redact("job \(jobId): unknown status \"\(status)\", treated as still running"))
                default: break
                }
            } catch where error.isTransient {
                log("job \(jobId): \(error.message); polling goes on")
            }
            guard Date().addingTimeInterval(interval) < deadline else {
                throw ScenarioError(.timedOut, "job \(jobId) still running after \(Int(timeout)) s")
            }
            sleep(interval)
            interval = configuration.poll.next(after: interval)
        }
    }

    /// Asks Scenario to cancel a job. Some jobs cannot be canceled: the API's refusal is thrown as it came.
    public func cancel(_ jobId: String) throws(ScenarioError) {
        _ = try call("POST", "/jobs/\(jobId)/action", body: Data(#"{"action":"cancel"}"#.utf8))
    }
}

extension ScenarioClient {
    /// Recent jobs, newest first: `GET /jobs`, page by page, keeping those of `model` created at or after `since`.
    ///
    /// - Parameters:
    ///   - model: a model id (`model_luma-ray-3-2-edit`); nil for every model.
    ///   - since: the earliest creation time kept; paging stops at the first older job.
    ///   - limit: the most jobs returned.
    public func recentJobs(model: String?, since: Date?, limit: Int) throws(ScenarioError) -> [Job] {
        var found: [Job] = []
        var token: String?
        repeat {
            var query = ["pageSize": "50"]
            if let token { query["paginationToken"] = token }
            let page = try decode(JobPage.self, from: call("GET", "/jobs", query: query), endpoint: "GET /jobs")
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
