import Foundation

/// `{"job": {…}}` as `GET /jobs/{jobId}` answers.
struct JobAnswer: Decodable {
    let job: Job
}

/// `{"asset": {"id": …}}` as `POST /assets` answers.
struct AssetAnswer: Decodable {
    struct Asset: Decodable { let id: String }
    let asset: Asset
}

/// `{"asset": {"url": …}}` as `GET /assets/{assetId}` answers: the signed download URL.
struct AssetURLAnswer: Decodable {
    struct Asset: Decodable { let url: String }
    let asset: Asset
}

extension Submission {
    /// `{"job": {"jobId": …}, "creativeUnitsCost": …}` as `POST /generate/custom/{modelId}` answers.
    private struct Answer: Decodable {
        struct JobID: Decodable { let jobId: String }
        let job: JobID?
        let creativeUnitsCost: Double?
    }

    /// The submission a submit's answer describes (a job id unless `dryRun`).
    ///
    /// - Throws: `.badResponse` naming `endpoint` when the answer is not the documented JSON or lacks the job id.
    init(answer data: Data, endpoint: String, dryRun: Bool) throws(ScenarioError) {
        let answer = try ScenarioClient.decode(Answer.self, from: data, endpoint: endpoint)
        if !dryRun && answer.job == nil { throw ScenarioError(.badResponse, "\(endpoint): the answer has no job.jobId") }
        self.init(jobId: answer.job?.jobId, cost: answer.creativeUnitsCost)
    }
}
