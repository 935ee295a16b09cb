import Foundation
import RayCanvas
import RayModels

/// Turns a model step and its source into a checked request (``RequestPlan``), as `raykit plan` does.
enum StepPlanning {
    /// Plans `step` over `source` (a clip path, an asset id, or nil), stills and fixes in `folder`.
    ///
    /// - Parameter cropTarget: the ratio a later crop step delivers: Generate and Reframe without an
    ///   aspect ratio ask for the supported ratio that reaches it by cropping alone.
    static func plan(_ step: StepSpec, source: String?, cropTarget: AspectRatio?,
                     folder: String, overwrite: Bool = true) throws(PipelineError) -> RequestPlan {
        do {
            switch step {
            case .generate(var input):
                input.aspectRatio = input.aspectRatio ?? recommendedRatio(for: cropTarget, resolution: input.resolution)
                return try RequestPlanner.generate(input, folder: folder, overwrite: overwrite)
            case .edit(let input):
                return try RequestPlanner.edit(input, video: try video(source, step.kind), folder: folder, overwrite: overwrite)
            case .reframe(var input):
                input.aspectRatio = input.aspectRatio ?? recommendedRatio(for: cropTarget, resolution: input.resolution)
                return try RequestPlanner.reframe(input, video: try video(source, step.kind), folder: folder, overwrite: overwrite)
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
}
