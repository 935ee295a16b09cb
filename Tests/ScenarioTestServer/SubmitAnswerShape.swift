/// How `POST /v1/generate/custom/{modelId}` names the new job's id in its answer.
public enum SubmitAnswerShape: Sendable {
    /// `{"job": {"jobId": …, …}, "creativeUnitsCost": 12}`, the API's own shape.
    case jobId
    /// `{"job": {"id": …, …}, "creativeUnitsCost": 12}`, the shape one of Scenario's help pages shows.
    case id

    /// The key of the job's id.
    var idKey: String {
        switch self {
        case .jobId: "jobId"
        case .id: "id"
        }
    }
}
