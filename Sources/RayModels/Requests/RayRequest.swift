import Foundation
import RayCanvas

/// A request for one of the three models, as it would be sent.
///
/// ASSUMPTION: Scenario's `POST /generate/custom/{modelId}` takes the request's flat parameter object
/// (`body()`) as its whole JSON body, with `modelId` = `model.rawValue`.
public enum RayRequest: Sendable, Equatable {
    case generate(GenerateRequest)
    case edit(EditRequest)
    case reframe(ReframeRequest)

    /// The model this request is for.
    public var model: RayModel {
        switch self {
        case .generate: .generate
        case .edit: .edit
        case .reframe: .reframe
        }
    }

    /// The source video of an Edit or Reframe request; nil for Generate.
    public var video: AssetInput? {
        switch self {
        case .generate: nil
        case .edit(let request): request.video
        case .reframe(let request): request.video
        }
    }

    /// Path the body is posted to on Scenario: `/generate/custom/{modelId}`.
    public var endpointPath: String { "/generate/custom/\(model.rawValue)" }

    /// The JSON body: the parameters with sorted keys, nil fields omitted, slashes unescaped.
    ///
    /// - Throws: `EncodingError` when a number is not finite (NaN or infinite slider values).
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch self {
        case .generate(let request): return try encoder.encode(request)
        case .edit(let request): return try encoder.encode(request)
        case .reframe(let request): return try encoder.encode(request)
        }
    }

    /// Every `AssetInput.file` path, in field order (`keyframes` in list order), each path listed once.
    public var localFiles: [String] {
        var seen = Set<String>()
        return assets.compactMap(\.input.localPath).filter { seen.insert($0).inserted }
    }

    /// This request with each local file whose path is a key of `assetIDs` replaced by that asset id;
    /// files not in `assetIDs` stay files.
    public func resolvingFiles(_ assetIDs: [String: String]) -> RayRequest {
        switch self {
        case .generate(let request): .generate(request.resolving(assetIDs))
        case .edit(let request): .edit(request.resolving(assetIDs))
        case .reframe(let request): .reframe(request.resolving(assetIDs))
        }
    }

    /// The findings of the wrapped request's `validate`; the source facts apply where the model uses them.
    ///
    /// - Parameters:
    ///   - sourceFrameCount: frames in the Edit source, or nil when unknown.
    ///   - sourceNearestRatio: the Reframe source's nearest supported ratio, or nil when unknown.
    public func validate(sourceFrameCount: Int? = nil, sourceNearestRatio: SupportedRatio? = nil) -> [Finding] {
        switch self {
        case .generate(let request): request.validate()
        case .edit(let request): request.validate(sourceFrameCount: sourceFrameCount)
        case .reframe(let request): request.validate(sourceNearestRatio: sourceNearestRatio)
        }
    }

    /// Image and video inputs with their field names, in field order.
    var assets: [(field: String, input: AssetInput)] {
        switch self {
        case .generate(let request): request.assets
        case .edit(let request): request.assets
        case .reframe(let request): request.assets
        }
    }
}
