import Foundation

/// Everything the routes read and change: stored assets, uploads, jobs and the test's settings.
struct APIState {
    var assets: [String: StoredAsset] = [:]
    var uploads: [String: Upload] = [:]
    var jobs: [String: Job] = [:]
    /// Scripts for the next jobs, first one first.
    var jobScripts: [JobScript] = []
    var defaultOutput = Data()
    /// Echo mode: a job whose `video` parameter names a stored asset delivers that asset's bytes (see
    /// `ScenarioTestServer.echoesSource`).
    var echoesSource = false
    /// The script for jobs when `jobScripts` is empty; nil means two running polls then one `defaultOutput`.
    var customDefaultJob: JobScript?
    var uploadValidationPolls = 1
    /// The failure message for the next upload completed.
    var nextUploadFailure: String?
    var cancelAllowed = true
    var submitAnswerShape = SubmitAnswerShape.jobId
    /// The model of each job a `POST /v1/generate/custom/{modelId}` created, in order.
    var submittedModels: [String] = []

    var defaultJob: JobScript {
        customDefaultJob ?? JobScript(progressPolls: 2, outcome: .success(outputs: [defaultOutput]))
    }

    /// Stores bytes as a new asset.
    ///
    /// - Returns: the new asset's id.
    mutating func addAsset(_ data: Data, name: String? = nil, mimeType: String? = nil) -> String {
        let id = RandomID.make("asset")
        assets[id] = StoredAsset(id: id, name: name, mimeType: mimeType ?? StoredAsset.guessMimeType(data, name: name), data: data)
        return id
    }

    /// The script for a job being created from `body`, taken from the queue when there is one; in echo mode
    /// the default job delivers the source video it was given.
    mutating func takeJobScript(for body: [String: Any]) -> JobScript {
        if !jobScripts.isEmpty { return jobScripts.removeFirst() }
        if echoesSource, let video = body["video"] as? String, let source = assets[video] {
            return JobScript(progressPolls: 2, outcome: .success(outputs: [source.data]))
        }
        return defaultJob
    }

    /// Stores a new job created now, a millisecond after the last one at the earliest, so that
    /// `createdAt` orders jobs.
    ///
    /// - Returns: the job.
    mutating func createJob(modelId: String, script: JobScript) -> Job {
        let latest = jobs.values.map(\.createdAt).max() ?? .distantPast
        let job = Job(id: RandomID.make("job"), modelId: modelId, script: script, createdAt: max(Date(), latest + 0.001))
        jobs[job.id] = job
        return job
    }
}
