import Foundation
import RayCanvas
import RayMedia
import RayModels

/// A request built and checked exactly as it would be sent, without any network.
public struct RequestPlan: Encodable, Sendable {
    public let model: RayModel
    /// Where it would be posted: `/generate/custom/{modelId}`.
    public let endpoint: String
    /// The JSON body; local files appear as `file://` placeholders until uploaded.
    public let body: JSONValue
    /// The local files that would be uploaded first (extracted stills, a fixed source).
    public let files: [String]
    public let findings: [Finding]
    public let verdict: Verdict
    /// The request itself, local files not yet uploaded.
    public let request: RayRequest

    enum CodingKeys: String, CodingKey {
        case model, endpoint, body, files, findings, verdict
    }

    init(_ request: RayRequest, findings: [Finding]) throws(MediaError) {
        self.request = request
        model = request.model
        endpoint = request.endpointPath
        do {
            body = try JSONValue(data: request.body())
        } catch {
            throw MediaError(.invalidRequest, file: request.model.rawValue, "cannot encode the request: \(error)")
        }
        files = request.localFiles
        self.findings = findings
        verdict = Verdict(findings)
    }
}

extension [Finding] {
    /// Whether any finding is an error.
    var hasErrors: Bool { contains { $0.severity == .error } }
}
