import RayCanvas

/// Parameters of a Ray 3.2 (Generate) call; nil fields are not sent and take the model's defaults.
///
/// Encodes to the flat JSON object of parameters with the documented field names (`prompt`, `startFrame`,
/// `endFrame`, `duration`, `resolution`, `aspectRatio`, `loop`, `hdr`). ASSUMPTION: this flat object is the
/// whole body of Scenario's `POST /generate/custom/{modelId}`.
public struct GenerateRequest: Codable, Sendable, Equatable {
    /// What to film: subject, motion, mood, style, setting, camera. Required, at most 6000 characters.
    public var prompt: String
    /// Image the clip opens on (img2video). Not at 10 seconds.
    public var startFrame: AssetInput?
    /// Image the clip ends on; needs `startFrame`. Not at 10 seconds.
    public var endFrame: AssetInput?
    /// Clip length; 5 seconds when nil.
    public var duration: ClipDuration?
    /// Delivery resolution; 720p when nil.
    public var resolution: Resolution?
    /// Frame shape; 16:9 when nil.
    public var aspectRatio: SupportedRatio?
    /// Seamless loop; off when nil. Not at 10 seconds.
    public var loop: Bool?
    /// High dynamic range output; off when nil. Needs 720p or 1080p, not at 10 seconds.
    public var hdr: Bool?

    public init(prompt: String, startFrame: AssetInput? = nil, endFrame: AssetInput? = nil, duration: ClipDuration? = nil,
                resolution: Resolution? = nil, aspectRatio: SupportedRatio? = nil, loop: Bool? = nil, hdr: Bool? = nil) {
        self.prompt = prompt
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.duration = duration
        self.resolution = resolution
        self.aspectRatio = aspectRatio
        self.loop = loop
        self.hdr = hdr
    }

    /// Resolution Ray 3.2 uses when `resolution` is not sent: 720p.
    public static let defaultResolution = Resolution.p720
    /// Aspect ratio Ray 3.2 uses when `aspectRatio` is not sent: 16:9.
    public static let defaultAspectRatio = SupportedRatio.landscape16x9

    /// Image and video inputs with their field names, in field order.
    var assets: [(field: String, input: AssetInput)] {
        [("startFrame", startFrame), ("endFrame", endFrame)].compactMap { field, input in input.map { (field, $0) } }
    }

    /// This request with local files replaced by asset ids.
    func resolving(_ assetIDs: [String: String]) -> GenerateRequest {
        var copy = self
        copy.startFrame = startFrame?.resolving(assetIDs)
        copy.endFrame = endFrame?.resolving(assetIDs)
        return copy
    }
}
