import Foundation

/// A generation job and where its script has taken it.
struct Job {
    let id: String
    let modelId: String
    let script: JobScript
    let createdAt: Date
    /// When the status last changed.
    private(set) var updatedAt: Date
    private(set) var polls = 0
    private(set) var status = "queued"
    /// From 0 to 1.
    private(set) var progress = 0.0
    private(set) var error: String?
    var assetIds: [String] = []

    init(id: String, modelId: String, script: JobScript, createdAt: Date) {
        self.id = id
        self.modelId = modelId
        self.script = script
        self.createdAt = createdAt
        updatedAt = createdAt
    }

    /// Whether the job has reached an end state.
    var isDone: Bool { ["success", "failure", "canceled"].contains(status) }

    /// Moves the job on by one poll.
    ///
    /// - Returns: the outputs to store as assets when this poll finished the job successfully, else nil.
    mutating func poll() -> [Data]? {
        guard !isDone else { return nil }
        defer {
            polls += 1
            updatedAt = Date()
        }
        if polls < script.progressPolls {
            let firstStatuses = ["queued", "warming-up"]
            status = polls < firstStatuses.count ? firstStatuses[polls] : "in-progress"
            progress = status == "in-progress" ? Double(polls) / Double(script.progressPolls) : 0
            return nil
        }
        switch script.outcome {
        case .success(let outputs):
            status = "success"
            progress = 1
            return outputs
        case .failure(let message):
            status = "failure"
            error = message
        case .canceled:
            status = "canceled"
        }
        return nil
    }

    /// Cancels the job unless it has already ended.
    mutating func cancel() {
        guard !isDone else { return }
        status = "canceled"
        updatedAt = Date()
    }

    /// The job as the API shows it, its id under `idKey`; times in ISO 8601 UTC with milliseconds.
    func json(idKey: String = "jobId") -> [String: Any] {
        var metadata: [String: Any] = ["assetIds": assetIds]
        if let error { metadata["error"] = error }
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return [idKey: id, "jobType": "custom", "modelId": modelId, "status": status, "progress": progress, "metadata": metadata,
                "createdAt": time.format(createdAt), "updatedAt": time.format(updatedAt)]
    }
}
