import Foundation
import RayAPI
import RayMedia

/// `raykit generate|edit|reframe`: one model step (and a crop) run as a one-item pipeline whose manifest,
/// `OUT.raykit.json`, sits beside the output, so running the same command again carries on where it stopped.
public enum SingleRun {
    /// What a single run asks for.
    public struct Request: Sendable {
        /// The model step, with its inputs.
        public var step: StepSpec
        /// The Edit or Reframe source: a clip or `asset_…`.
        public var video: String?
        /// The result file; nil runs in a temporary folder (estimates, or submit without waiting).
        public var output: String?
        /// Crop the result to this ratio or size.
        public var cropTo: CropJob.Target?
        public var noAudio = false

        public init(_ step: StepSpec, video: String? = nil, output: String? = nil, cropTo: CropJob.Target? = nil) {
            (self.step, self.video, self.output, self.cropTo) = (step, video, output, cropTo)
        }

        /// The one-item spec this request stands for.
        var spec: PipelineSpec {
            let steps = [step] + (cropTo.map { [StepSpec.crop(CropInput(to: $0))] } ?? [])
            return PipelineSpec(items: [ItemSpec(name: itemName, video: video, steps: steps, noAudio: noAudio ? true : nil, output: output)])
        }

        /// The run's one item's name: the output's file name without extension, else the step's kind.
        public var itemName: String {
            output.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? step.kind.rawValue
        }
    }

    /// The manifest beside `output`.
    public static func manifestPath(for output: String) -> String { output + ".raykit.json" }

    /// Starts the run, or picks up the one recorded beside the output. The output's state is locked first:
    /// a second run of the same output stops here, before anything is uploaded.
    ///
    /// - Parameter fresh: ignore (and replace) an earlier run's manifest.
    /// - Throws: `PipelineError` when another run holds the output, or the manifest beside it records a
    ///   different request (``PipelineError/Remedy/startFresh(differences:)`` lists what differs).
    public static func prepare(_ request: Request, fresh: Bool, client: ScenarioClient, settings: RunSettings,
                               events: @escaping @Sendable (RunEvent) -> Void) throws(PipelineError) -> PipelineRun {
        let folder = FileManager.default.currentDirectoryPath
        guard let output = request.output else {
            let scratch = NSTemporaryDirectory() + "raykit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            var spec = request.spec
            spec.outputDir = scratch
            return try PipelineRun.start(spec, relativeTo: folder, client: client, settings: settings, events: events)
        }
        if let video = request.video, AtomicFile.sameFile(video, output) {
            // Found out only at the end, this would be after the upload and the paid job.
            throw PipelineError("\(output) is the source clip \(video): write the result somewhere else")
        }
        let manifest = manifestPath(for: Paths.absolute(output, relativeTo: folder))
        let lock = try RunLock(for: manifest)
        var spec = request.spec
        spec.outputDir = URL(fileURLWithPath: Paths.absolute(output, relativeTo: folder)).deletingLastPathComponent().path
        if !fresh, FileManager.default.fileExists(atPath: manifest) {
            let earlier = try ManifestStore.load(manifest)
            let differences = SpecDifference.between(earlier.spec.items, spec.items)
            guard differences.isEmpty else {
                throw PipelineError("\(manifest) records a different request for \(output) (\(differences.joined(separator: "; ")))",
                                    remedy: .startFresh(differences: differences))
            }
            return try PipelineRun.resume(manifest, client: client, settings: settings, lock: lock, events: events)
        }
        return try PipelineRun.start(spec, relativeTo: folder, manifestPath: manifest, client: client, settings: settings, lock: lock,
                                     events: events)
    }
}
