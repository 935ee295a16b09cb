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
    /// `{"job": {"jobId": …}, "creativeUnitsCost": …}` as `POST /generate/custom/{modelId}` answers; one of
    /// Scenario's help pages shows `{"job": {"id": …}}`, so either key is read.
    private struct Answer: Decodable {
        struct JobID: Decodable {
            let jobId: String?
            let id: String?
        }
        let job: JobID?
        let creativeUnitsCost: Double?
    }

    /// The submission a submit's 2xx answer describes (a job id unless `dryRun`).
    ///
    /// - Throws: for a paid submit, `.submitOutcomeUnknown` when the answer cannot be read or names no job:
    ///   the server accepted the request, so the job may exist and be charged. For a dry run, `.badResponse`.
    init(answer data: Data, endpoint: String, dryRun: Bool) throws(ScenarioError) {
        let answer: Answer
        do {
            answer = try ScenarioClient.decode(Answer.self, from: data, endpoint: endpoint)
        } catch where !dryRun {
            throw ScenarioError(.submitOutcomeUnknown, "\(error.message) after accepting it: the job may have been created and charged")
        }
        let jobId = answer.job?.jobId ?? answer.job?.id
        if !dryRun && jobId == nil {
            throw ScenarioError(.submitOutcomeUnknown,
                                "\(endpoint): the answer accepted the request but names no job (no job.jobId or job.id): the job may have been created and charged")
        }
        self.init(jobId: jobId, cost: answer.creativeUnitsCost)
    }
}
