import RayCanvas
import RayModels

/// Ray 3.2 Generate's inputs as a person gives them: `raykit generate` builds one from its options, a pipeline
/// step (`{"step": "generate", …}`) decodes one with the same names, and the planner turns it into a request.
public struct GenerateInput: Codable, Sendable, Equatable, StepInput {
    /// What to film.
    public var prompt: String
    /// The opening still.
    public var startFrame: ImageSource?
    /// The closing still (with `startFrame`).
    public var endFrame: ImageSource?
    public var duration: ClipDuration?
    public var resolution: Resolution?
    /// The ratio to ask for; in a pipeline, nil asks for the one a following crop reaches by cropping alone.
    public var aspectRatio: SupportedRatio?
    public var loop: Bool?
    public var hdr: Bool?

    public init(prompt: String, startFrame: ImageSource? = nil, endFrame: ImageSource? = nil, duration: ClipDuration? = nil,
                resolution: Resolution? = nil, aspectRatio: SupportedRatio? = nil, loop: Bool? = nil, hdr: Bool? = nil) {
        (self.prompt, self.startFrame, self.endFrame, self.duration) = (prompt, startFrame, endFrame, duration)
        (self.resolution, self.aspectRatio, self.loop, self.hdr) = (resolution, aspectRatio, loop, hdr)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prompt, duration, resolution, loop, hdr
        case startFrame = "start-frame", endFrame = "end-frame", aspectRatio = "aspect-ratio"
    }
}
