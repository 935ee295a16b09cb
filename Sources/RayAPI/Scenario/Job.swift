/// A job's status as `GET /jobs/{jobId}` spells it.
public enum JobStatus: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case queued, warmingUp, pending, inProgress, finalizing, success, failure, canceled
    /// A status the API did not document: logged and treated as still running.
    case other(String)

    private static let spellings: [(JobStatus, String)] = [
        (.queued, "queued"), (.warmingUp, "warming-up"), (.pending, "pending"), (.inProgress, "in-progress"),
        (.finalizing, "finalizing"), (.success, "success"), (.failure, "failure"), (.canceled, "canceled"),
    ]

    public init(rawValue: String) {
        self = Self.spellings.first { $0.1 == rawValue }?.0 ?? .other(rawValue)
    }

    public var rawValue: String {
        if case .other(let text) = self { return text }
        return Self.spellings.first { $0.0 == self }!.1
    }

    /// Whether the job will not change any more.
    public var isFinished: Bool { [.success, .failure, .canceled].contains(self) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A job as `GET /jobs/{jobId}` describes it.
public struct Job: Sendable, Equatable, Codable {
    public let jobId: String
    public let status: JobStatus
    /// 0…1 when the server says.
    public let progress: Double?
    /// Every output asset (`metadata.assetIds`).
    public let assetIds: [String]
    /// Why the job failed (`metadata.error`).
    public let error: String?
    /// The model it runs, when the answer says (`modelId`, or `metadata.input.modelId`).
    public let modelId: String?
    /// When it was created, as the server wrote it (ISO 8601).
    public let createdAt: String?

    private enum CodingKeys: String, CodingKey { case jobId, id, status, progress, metadata, assetIds, error, modelId, createdAt }
    private struct Metadata: Decodable {
        struct Input: Decodable { var modelId: String? }
        var assetIds: [String]?
        var error: String?
        var input: Input?
    }

    public init(jobId: String, status: JobStatus, progress: Double? = nil, assetIds: [String] = [], error: String? = nil,
                modelId: String? = nil, createdAt: String? = nil) {
        (self.jobId, self.status, self.progress, self.assetIds, self.error) = (jobId, status, progress, assetIds, error)
        (self.modelId, self.createdAt) = (modelId, createdAt)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `jobId` as documented; `id` as one of Scenario's help pages shows.
        guard let id = try container.decodeIfPresent(String.self, forKey: .jobId) ?? container.decodeIfPresent(String.self, forKey: .id) else {
            throw DecodingError.keyNotFound(CodingKeys.jobId, .init(codingPath: decoder.codingPath, debugDescription: "no jobId"))
        }
        jobId = id
        status = try container.decode(JobStatus.self, forKey: .status)
        progress = try container.decodeIfPresent(Double.self, forKey: .progress)
        // The API nests outputs and failure in `metadata`; RayKit's own encoding has them flat.
        let metadata = try container.decodeIfPresent(Metadata.self, forKey: .metadata)
        assetIds = try metadata?.assetIds ?? container.decodeIfPresent([String].self, forKey: .assetIds) ?? []
        error = try metadata?.error ?? container.decodeIfPresent(String.self, forKey: .error)
        modelId = try container.decodeIfPresent(String.self, forKey: .modelId) ?? metadata?.input?.modelId
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
    }

    /// Encodes flat: `jobId`, `status`, `progress`, `assetIds`, `error`, `modelId`, `createdAt` (and decodes back from that).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobId, forKey: .jobId)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(progress, forKey: .progress)
        try container.encode(assetIds, forKey: .assetIds)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encodeIfPresent(modelId, forKey: .modelId)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
    }
}

/// What `POST /generate/custom/{modelId}` answered.
public struct Submission: Sendable, Equatable {
    /// The job started; nil for a dry run.
    public let jobId: String?
    /// Creative units the job costs, when the answer says.
    public let cost: Double?
}
