import RayCanvas

/// Parameters of a Ray 3.2 Reframe call; nil fields are not sent.
///
/// Encodes to the flat JSON object of parameters with the documented field names (`prompt`, `video`,
/// `aspectRatio`, `resolution`). ASSUMPTION: this flat object is the whole body of Scenario's
/// `POST /generate/custom/{modelId}`.
public struct ReframeRequest: Codable, Sendable, Equatable {
    /// How the new canvas area should be filled. Required, at most 6000 characters.
    public var prompt: String
    /// The source video. Required.
    public var video: AssetInput
    /// Target ratio. Required by the model; optional here so a plan can be checked before it is complete.
    public var aspectRatio: SupportedRatio?
    /// Delivery resolution; 720p when nil.
    public var resolution: Resolution?

    public init(prompt: String, video: AssetInput, aspectRatio: SupportedRatio? = nil, resolution: Resolution? = nil) {
        self.prompt = prompt
        self.video = video
        self.aspectRatio = aspectRatio
        self.resolution = resolution
    }

    /// Resolution Ray 3.2 Reframe uses when `resolution` is not sent: 720p.
    public static let defaultResolution = Resolution.p720

    /// A Reframe prompt with fewer words than this draws a "vague prompt" warning (see `validate`).
    public static let minimumPromptWords = 6

    /// Image and video inputs with their field names, in field order.
    var assets: [(field: String, input: AssetInput)] { [("video", video)] }

    /// This request with local files replaced by asset ids.
    func resolving(_ assetIDs: [String: String]) -> ReframeRequest {
        var copy = self
        copy.video = video.resolving(assetIDs)
        return copy
    }
}
