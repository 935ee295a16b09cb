import RayCanvas

/// Parameters of a Ray 3.2 Edit call; nil fields are not sent and take the model's defaults.
///
/// Encodes to the flat JSON object of parameters with the documented field names
/// (`keyframes[].keyframeImage`, `editStrength`, `depthControlBlur`, …). ASSUMPTION: this flat object is the
/// whole body of Scenario's `POST /generate/custom/{modelId}`.
public struct EditRequest: Codable, Sendable, Equatable {
    /// The visual change to apply. Required, at most 6000 characters.
    public var prompt: String
    /// The source video. Required.
    public var video: AssetInput
    /// One guide image; excludes `keyframes`.
    public var startFrame: AssetInput?
    /// Up to 64 guide images with source frame indexes; excludes `startFrame`.
    public var keyframes: [EditKeyframeInput]?
    /// How far the result may drift; `adhere_1` when nil. Excludes `autoControls`.
    public var editStrength: EditStrength?
    /// Let the model pick the edit settings. Excludes `editStrength`.
    public var autoControls: Bool?
    /// Face Control: keep face identity.
    public var faceControlEnabled: Bool?
    /// Pose Control: keep skeleton and pose.
    public var poseControlEnabled: Bool?
    /// Pose Control strictness; `precise` when nil. Only with `poseControlEnabled`.
    public var poseControlStrength: PoseStrength?
    /// Depth Control: keep scene geometry.
    public var depthControlEnabled: Bool?
    /// 0…1; higher lets the model bend space. Only with `depthControlEnabled`.
    public var depthControlBlur: Double?
    /// Normals Control: keep surface normals.
    public var normalsControlEnabled: Bool?
    /// 0…1; how far the model reinterprets surface geometry. Only with `normalsControlEnabled`.
    public var normalsControlAugmentation: Double?
    /// Trajectory Control: keep the motion trajectory.
    public var trajectoryControlEnabled: Bool?
    /// 0…1; higher means fewer motion anchors and more freedom. Only with `trajectoryControlEnabled`.
    public var trajectoryControlSparsity: Double?
    /// Delivery resolution; 720p when nil.
    public var resolution: Resolution?
    /// High dynamic range output; off when nil. Needs 720p or 1080p.
    public var hdr: Bool?

    public init(prompt: String, video: AssetInput, startFrame: AssetInput? = nil, keyframes: [EditKeyframeInput]? = nil,
                editStrength: EditStrength? = nil, autoControls: Bool? = nil, faceControlEnabled: Bool? = nil,
                poseControlEnabled: Bool? = nil, poseControlStrength: PoseStrength? = nil,
                depthControlEnabled: Bool? = nil, depthControlBlur: Double? = nil,
                normalsControlEnabled: Bool? = nil, normalsControlAugmentation: Double? = nil,
                trajectoryControlEnabled: Bool? = nil, trajectoryControlSparsity: Double? = nil,
                resolution: Resolution? = nil, hdr: Bool? = nil) {
        self.prompt = prompt
        self.video = video
        self.startFrame = startFrame
        self.keyframes = keyframes
        self.editStrength = editStrength
        self.autoControls = autoControls
        self.faceControlEnabled = faceControlEnabled
        self.poseControlEnabled = poseControlEnabled
        self.poseControlStrength = poseControlStrength
        self.depthControlEnabled = depthControlEnabled
        self.depthControlBlur = depthControlBlur
        self.normalsControlEnabled = normalsControlEnabled
        self.normalsControlAugmentation = normalsControlAugmentation
        self.trajectoryControlEnabled = trajectoryControlEnabled
        self.trajectoryControlSparsity = trajectoryControlSparsity
        self.resolution = resolution
        self.hdr = hdr
    }

    /// Resolution Ray 3.2 Edit uses when `resolution` is not sent: 720p.
    public static let defaultResolution = Resolution.p720

    /// Image and video inputs with their field names, in field order.
    var assets: [(field: String, input: AssetInput)] {
        var assets: [(field: String, input: AssetInput)] = [("video", video)]
        if let startFrame { assets.append(("startFrame", startFrame)) }
        for (i, keyframe) in (keyframes ?? []).enumerated() {
            assets.append(("keyframes[\(i)].keyframeImage", keyframe.keyframeImage))
        }
        return assets
    }

    /// This request with local files replaced by asset ids.
    func resolving(_ assetIDs: [String: String]) -> EditRequest {
        var copy = self
        copy.video = video.resolving(assetIDs)
        copy.startFrame = startFrame?.resolving(assetIDs)
        copy.keyframes = keyframes?.map { EditKeyframeInput(keyframeImage: $0.keyframeImage.resolving(assetIDs), keyframeIndex: $0.keyframeIndex) }
        return copy
    }
}
