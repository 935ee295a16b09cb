import Foundation
import RayCanvas
import RayModels

/// Turns a model step's options and source into a checked request (``RequestPlan``), as `raykit plan` does.
enum StepPlanning {
    /// Plans `kind` with `options` over `source` (a clip path, an asset id, or nil), stills and fixes in `folder`.
    ///
    /// - Parameter cropTarget: the ratio a later crop step delivers: Generate and Reframe without an
    ///   aspect ratio ask for the supported ratio that reaches it by cropping alone.
    static func plan(_ kind: StepKind, _ options: StepOptions, source: String?, cropTarget: AspectRatio?,
                     folder: String, overwrite: Bool = true) throws(PipelineError) -> RequestPlan {
        guard let prompt = options.prompt else { throw PipelineError("a \(kind.rawValue) step needs a prompt") }
        let aspectRatio = options.aspectRatio ?? recommendedRatio(for: cropTarget, resolution: options.resolution)
        do {
            switch kind {
            case .generate:
                var request = RequestPlanner.Generate(prompt: prompt, duration: options.duration, resolution: options.resolution,
                                                      aspectRatio: aspectRatio, loop: options.loop, hdr: options.hdr)
                request.startFrame = try image(options.startFrame, "start-frame")
                request.endFrame = try image(options.endFrame, "end-frame")
                return try RequestPlanner.generate(request, folder: folder, overwrite: overwrite)
            case .edit:
                var request = RequestPlanner.Edit(prompt: prompt, video: try video(source, kind))
                request.startFrame = try image(options.startFrame, "start-frame")
                request.keyframes = try keyframes(options.keyframes, source: request.video)
                request.editStrength = options.strength
                request.autoControls = options.autoControls
                (request.face, request.pose, request.poseStrength) = (options.face, options.pose, options.poseStrength)
                (request.depth, request.depthBlur) = (options.depth, options.depthBlur)
                (request.normals, request.normalsAugmentation) = (options.normals, options.normalsAugmentation)
                (request.trajectory, request.trajectorySparsity) = (options.trajectory, options.trajectorySparsity)
                (request.resolution, request.hdr) = (options.resolution, options.hdr)
                return try RequestPlanner.edit(request, folder: folder, overwrite: overwrite)
            case .reframe:
                let request = RequestPlanner.Reframe(prompt: prompt, video: try video(source, kind), aspectRatio: aspectRatio,
                                                     resolution: options.resolution)
                return try RequestPlanner.reframe(request, folder: folder, overwrite: overwrite)
            case .crop:
                throw PipelineError("a crop step calls no model")
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// The supported ratio to ask for so that cropping reaches `target`; nil without a target.
    static func recommendedRatio(for target: AspectRatio?, resolution: Resolution?) -> SupportedRatio? {
        guard let target else { return nil }
        return try? RatioRecommendation.recommend(for: target, at: resolution ?? .p720).ask
    }

    private static func video(_ source: String?, _ kind: StepKind) throws(PipelineError) -> String {
        guard let source else { throw PipelineError("a \(kind.rawValue) step needs a source video (the item's \"video\" or an earlier step)") }
        return source
    }

    private static func image(_ text: String?, _ option: String) throws(PipelineError) -> ImageSource? {
        guard let text else { return nil }
        guard let source = ImageSource(parsing: text) else { throw PipelineError("\(option) \"\(text)\" is not an image, asset id or CLIP@INDEX") }
        return source
    }

    /// `CLIP@0,48` as given, or `0,48` as frames of the step's own source, which must then be a local clip.
    private static func keyframes(_ text: String?, source: String) throws(PipelineError) -> KeyframeSource? {
        guard let text else { return nil }
        if text.contains("@") {
            guard let parsed = KeyframeSource(parsing: text) else { throw PipelineError("keyframes \"\(text)\" is not CLIP@INDEX,INDEX…") }
            return parsed
        }
        guard !source.hasPrefix("asset_") else {
            throw PipelineError("keyframes \"\(text)\" name frames of \(source), which is not a local clip: give CLIP@INDEX,…")
        }
        guard let parsed = KeyframeSource(parsing: source + "@" + text) else { throw PipelineError("keyframes \"\(text)\" is not INDEX,INDEX…") }
        return parsed
    }
}

extension RequestPlanner {
    /// Plans a model step from its command-line options: `source` is the Edit or Reframe video (a clip or
    /// `asset_…`), stills and any fixed source go into `folder`.
    ///
    /// - Throws: `PipelineError` for a missing prompt or source, or a bad image or keyframe reference.
    public static func plan(_ kind: StepKind, _ options: StepOptions, source: String?, folder: String,
                            overwrite: Bool) throws(PipelineError) -> RequestPlan {
        try StepPlanning.plan(kind, options, source: source, cropTarget: nil, folder: folder, overwrite: overwrite)
    }
}
