import Foundation

/// `POST /v1/generate/custom/{modelId}`, `GET /v1/jobs`, `GET /v1/jobs/{id}` and `POST /v1/jobs/{id}/action`.
extension Router {
    /// What every generation costs, in creative units.
    static let creativeUnitsCost = 12

    /// Checks the parameters and their asset references, then quotes (`?dryRun=true`) or creates a job.
    func generate(_ request: RecordedRequest, modelId: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        let body = try jsonBody(request)
        let _: String = try field("prompt", of: body)
        for reference in Self.strings(in: body) {
            if reference.hasPrefix("file://") {
                throw Refusal(.reason(400, "Local file paths are not assets: \(reference)", name: "ValidationError"))
            }
            if reference.hasPrefix("asset_") && api.assets[reference] == nil {
                throw Refusal(.reason(400, "Asset not found: \(reference)", name: "NotFoundError", details: ["assetId": reference]))
            }
        }
        if request.query["dryRun"] == "true" {
            return .json(200, ["creativeUnitsCost": Self.creativeUnitsCost])
        }
        let job = api.createJob(modelId: modelId, script: api.takeJobScript(for: body))
        api.submittedModels.append(modelId)
        return .json(200, ["job": job.json(idKey: api.submitAnswerShape.idKey), "creativeUnitsCost": Self.creativeUnitsCost])
    }

    /// One page of jobs, newest first, optionally of one `status`; `pageSize` (1 to 100, 20 unless
    /// told) per page, `nextPaginationToken` naming the next page unless this is the last.
    func listJobs(_ request: RecordedRequest, _ api: APIState) throws(Refusal) -> HTTPResponse {
        let pageSize = request.query["pageSize"].map { Int($0) ?? 0 } ?? 20
        guard (1...100).contains(pageSize) else {
            throw Refusal(.reason(400, "\"pageSize\" must be from 1 to 100", name: "ValidationError", details: ["field": "pageSize"]))
        }
        var jobs = api.jobs.values.sorted { $0.createdAt > $1.createdAt }
        if let status = request.query["status"] { jobs.removeAll { $0.status != status } }
        if let token = request.query["paginationToken"] {
            guard let last = jobs.firstIndex(where: { $0.id == token }) else {
                throw Refusal(.reason(400, "Invalid paginationToken: \(token)", name: "ValidationError", details: ["field": "paginationToken"]))
            }
            jobs.removeFirst(last + 1)
        }
        var answer: [String: Any] = ["jobs": jobs.prefix(pageSize).map { $0.json() }]
        if jobs.count > pageSize { answer["nextPaginationToken"] = jobs[pageSize - 1].id }
        return .json(200, answer)
    }

    /// The job, moved on by one poll; outputs become assets when it succeeds.
    func getJob(id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var job = api.jobs[id] else { throw Refusal(.notFound("Job", id)) }
        if let outputs = job.poll() {
            job.assetIds = outputs.map { api.addAsset($0) }
        }
        api.jobs[id] = job
        return .json(200, ["job": job.json()])
    }

    /// `{"action": "cancel"}`, refused unless the test allows cancelling.
    func jobAction(_ request: RecordedRequest, id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var job = api.jobs[id] else { throw Refusal(.notFound("Job", id)) }
        let action: String = try field("action", of: try jsonBody(request))
        guard action == "cancel" else { throw Refusal(.reason(400, "Unknown action: \(action)", name: "ValidationError")) }
        guard api.cancelAllowed else { throw Refusal(.reason(400, "Cannot cancel this type of job")) }
        job.cancel()
        api.jobs[id] = job
        return .json(200, ["job": job.json()])
    }

    /// Every string in a JSON value, however deeply nested.
    private static func strings(in value: Any) -> [String] {
        switch value {
        case let string as String: [string]
        case let array as [Any]: array.flatMap(strings(in:))
        case let object as [String: Any]: object.values.flatMap(strings(in:))
        default: []
        }
    }
}
