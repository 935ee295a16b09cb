import RayCanvas
import RayModels

/// Ray 3.2 Reframe's inputs as a person gives them (`raykit reframe`, `{"step": "reframe", …}`); the source
/// video is given beside it.
public struct ReframeInput: Codable, Sendable, Equatable, StepInput {
    /// What fills the new canvas.
    public var prompt: String
    /// The target; in a pipeline, nil asks for the one a following crop reaches by cropping alone.
    public var aspectRatio: SupportedRatio?
    public var resolution: Resolution?

    public init(prompt: String, aspectRatio: SupportedRatio? = nil, resolution: Resolution? = nil) {
        (self.prompt, self.aspectRatio, self.resolution) = (prompt, aspectRatio, resolution)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prompt, resolution
        case aspectRatio = "aspect-ratio"
    }
}
