import Foundation

/// The client's handling of an answer with no network in between: for the fuzz target (`Fuzz/FuzzAPI`).
/// Not part of RayKit's API.
@_spi(Fuzzing) public enum AnswerFuzzing {
    /// Takes `raw` as one HTTP answer as it comes off the wire (a status line, header lines, a blank line,
    /// the body) and handles it as the client would for every endpoint: the header lines through the same
    /// parser libcurl's callback uses, a non-2xx status turned into a `ScenarioError` (body words,
    /// `Retry-After`, action limit, redaction), a 2xx body decoded as each answer type, the retry pause
    /// worked out. Checks what callers rely on and stops the process when it does not hold.
    ///
    /// - Returns: what the client would report, one line per endpoint.
    @discardableResult
    public static func handle(_ raw: [UInt8]) -> [String] {
        let (status, headers, body) = split(raw)
        let response = HTTPResponse(status: status, headers: headers, body: body, bytesReceived: Int64(body.count))
        let credentials = Credentials(key: "fuzz-key", secret: "fuzz-secret")
        let retry = RetryPolicy()
        var lines: [String] = []
        func report(_ error: ScenarioError) {
            precondition(!error.message.contains("fuzz-secret") && !error.message.contains("fuzz-key"), "a credential leaked: \(error.message)")
            let pause = retry.delay(after: 1, retryAfter: error.retryAfter)
            precondition(pause.isFinite && pause >= 0 && pause <= max(retry.maxDelay, retry.maxRetryAfter), "retry pause \(pause)")
            lines.append(error.message)
        }
        let endpoints = ["POST /generate/custom/model_x", "GET /jobs/job_1", "POST /assets", "GET /assets/asset_1", "POST /uploads"]
        for endpoint in endpoints {
            do throws(ScenarioError) {
                let accepted = try ScenarioClient.accepted(response, endpoint: endpoint, redactingWith: credentials)
                switch endpoint {
                case endpoints[0]:
                    let submission = try Submission(answer: accepted.body, endpoint: endpoint, dryRun: false)
                    lines.append("job \(submission.jobId ?? "-") cost \(submission.cost.map { "\($0)" } ?? "-")")
                case endpoints[1]:
                    let job = try ScenarioClient.decode(JobAnswer.self, from: accepted.body, endpoint: endpoint).job
                    // A status is written to manifests by its spelling and read back from it.
                    precondition(JobStatus(rawValue: job.status.rawValue) == job.status, "status \(job.status) does not read back")
                    lines.append("job \(job.jobId) \(job.status) finished \(job.status.isFinished)")
                case endpoints[2]:
                    lines.append(try ScenarioClient.decode(AssetAnswer.self, from: accepted.body, endpoint: endpoint).asset.id)
                case endpoints[3]:
                    lines.append(try ScenarioClient.decode(AssetURLAnswer.self, from: accepted.body, endpoint: endpoint).asset.url)
                default:
                    let upload = try ScenarioClient.decode(UploadAnswer.self, from: accepted.body, endpoint: endpoint).upload
                    lines.append("upload \(upload.id) \(upload.parts?.count ?? 0) parts")
                }
            } catch {
                report(error)
            }
        }
        if let expected = response.contentLength { lines.append("content-length \(expected) of \(response.bytesReceived)") }
        return lines
    }

    /// Status, header lines (through the client's header parser) and body of a raw answer; a missing or
    /// unreadable status line counts as status 0, as libcurl reports an answer with none.
    private static func split(_ raw: [UInt8]) -> (Int, [String: String], Data) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd = raw.count, bodyStart = raw.count
        if raw.count >= separator.count {
            for i in 0...(raw.count - separator.count) where raw[i..<(i + separator.count)].elementsEqual(separator) {
                (headEnd, bodyStart) = (i, i + separator.count)
                break
            }
        }
        let head = String(decoding: raw[..<headEnd], as: UTF8.self)
        var headers: [String: String] = [:]
        var status = 0
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") {
                let fields = line.split(separator: " ", maxSplits: 2)
                status = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            }
            HTTPResponse.take(headerLine: line + "\r\n", into: &headers)
        }
        return (status, headers, Data(raw[bodyStart...]))
    }
}
