import Foundation

/// `POST /v1/generate/custom/{modelId}`, `GET /v1/jobs/{id}` and `POST /v1/jobs/{id}/action`.
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
        let job = Job(id: RandomID.make("job"), modelId: modelId, script: api.takeJobScript())
        api.jobs[job.id] = job
        return .json(200, ["job": job.json, "creativeUnitsCost": Self.creativeUnitsCost])
    }

    /// The job, moved on by one poll; outputs become assets when it succeeds.
    func getJob(id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var job = api.jobs[id] else { throw Refusal(.notFound("Job", id)) }
        if let outputs = job.poll() {
            job.assetIds = outputs.map { api.addAsset($0) }
        }
        api.jobs[id] = job
        return .json(200, ["job": job.json])
    }

    /// `{"action": "cancel"}`, refused unless the test allows cancelling.
    func jobAction(_ request: RecordedRequest, id: String, _ api: inout APIState) throws(Refusal) -> HTTPResponse {
        guard var job = api.jobs[id] else { throw Refusal(.notFound("Job", id)) }
        let action: String = try field("action", of: try jsonBody(request))
        guard action == "cancel" else { throw Refusal(.reason(400, "Unknown action: \(action)", name: "ValidationError")) }
        guard api.cancelAllowed else { throw Refusal(.reason(400, "Cannot cancel this type of job")) }
        job.cancel()
        api.jobs[id] = job
        return .json(200, ["job": job.json])
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
