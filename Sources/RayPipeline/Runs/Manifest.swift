import Foundation
import RayModels

/// Everything a run has done, written beside its outputs after every change so a later run can carry on:
/// the spec, every upload by content hash, and for each item and step its inputs, job, outputs and errors.
public struct Manifest: Codable, Sendable {
    /// Format version of this file.
    public var version = 1
    /// The RayKit that last wrote this file (``RayKitVersion/current``); absent in files written before 0.5.0.
    public var raykitVersion: String?
    /// The spec, as run (relative paths already resolved).
    public var spec: PipelineSpec
    /// Where results go (absolute).
    public var outputDir: String
    /// Files uploaded in this run, keyed by SHA-256 of their content: each is uploaded once.
    public var uploads: [String: UploadRecord] = [:]
    public var items: [ItemRecord]
    /// Long takes run as segments: their plans and stitches (their segments are items).
    public var longTakes: [LongTake]?

    init(spec: PipelineSpec, outputDir: String, items: [ItemRecord]) {
        (self.spec, self.outputDir, self.items) = (spec, outputDir, items)
    }
}

/// One local file sent to Scenario.
public struct UploadRecord: Codable, Sendable, Equatable {
    public var file: String
    public var sha256: String
    /// Set as soon as the upload exists (before its parts are sent).
    public var uploadId: String?
    /// Set once Scenario has made the asset.
    public var assetId: String?
}

/// One item of the spec and how far it got.
public struct ItemRecord: Codable, Sendable {
    public var name: String
    /// The first step's source: a clip path (absolute) or an asset id; nil for Generate.
    public var video: String?
    public var noAudio: Bool
    /// The final file's path (absolute) when the spec names one; else `OUTPUT_DIR/NAME.mp4`.
    public var output: String?
    public var steps: [StepRecord]
    /// Items whose results this one uses: it runs after them (see ``ItemSpec/after``).
    public var after: [String]?
    /// The files delivered (one per output asset of the last model step).
    public var outputs: [String] = []
    /// What the finishing step noticed (size different from the prediction, audio put back).
    public var notes: [String] = []

    /// The item's state: that of its first unfinished step, `done` when all are.
    public var state: StepState { steps.first { $0.state != .done }?.state ?? .done }
}

/// Where a step stands. A step moves down this list; `failed` and `unknown` stop its item.
public enum StepState: String, Codable, Sendable {
    /// Not started.
    case pending
    /// Inputs validated, stills extracted, the source fixed where it had to be; uploads under way.
    case prepared
    /// The submit is being sent: if a run dies here, whether the job exists is unknown.
    case submitting
    /// The job exists (`jobId` set); it is polled, never submitted again.
    case submitted
    /// The job succeeded; its outputs are still to be fetched or passed on.
    case succeeded
    case done
    case failed
    /// A submit whose answer was lost: the job may exist and be charged.
    case unknown
}

/// One step of an item.
public struct StepRecord: Codable, Sendable {
    /// What the step does, with its inputs.
    public var spec: StepSpec
    public var state: StepState = .pending
    /// The step's source: a file path or an asset id (the previous step's output).
    public var input: String?
    /// Local files this step sends, by content hash (see ``Manifest/uploads``).
    public var uploads: [String] = []
    /// The JSON body as submitted (asset ids in place of files).
    public var request: JSONValue?
    /// The local video the model was given (after any fix): where the audio comes back from.
    public var sourceFile: String?
    /// When the submit was sent (the job, if it exists, was created just after).
    public var submittedAt: Date?
    public var jobId: String?
    public var jobStatus: String?
    public var progress: Double?
    /// Creative units, as the submit answered.
    public var cost: Double?
    public var outputAssetIds: [String] = []
    public var outputFiles: [String] = []
    public var warnings: [String] = []
    public var error: String?
    /// What the matching `raykit check` found in each downloaded output (Reframe fidelity, Edit timing, loop seam).
    public var checks: [ResultCheckSummary] = []

    /// What the step does.
    public var kind: StepKind { spec.kind }

    init(_ spec: StepSpec) {
        self.spec = spec
    }
}

/// A result check's outcome as the manifest keeps it.
public struct ResultCheckSummary: Codable, Sendable, Equatable {
    public var file: String
    /// `reframe`, `edit` or `loop`.
    public var kind: String
    public var verdict: CheckVerdict
    public var findings: [String]
    /// For an Edit check: the keyframe indexes whose guide still was compared with the result.
    public var guideFrames: [Int]?
}

extension Manifest {
    /// The guide stills an Edit step's request sent, as (keyframe index, local file): each `keyframeImage`
    /// asset id of the recorded request, found among this run's uploads.
    func guideStills(of step: StepRecord) -> [(keyframeIndex: Int, file: String)] {
        guard case .array(let keyframes)? = step.request?.field("keyframes") else { return [] }
        let files = Dictionary(uploads.values.compactMap { upload in upload.assetId.map { ($0, upload.file) } }, uniquingKeysWith: { first, _ in first })
        return keyframes.compactMap { keyframe in
            guard case .number(let index)? = keyframe.field("keyframeIndex"), case .string(let asset)? = keyframe.field("keyframeImage"),
                  let file = files[asset] else { return nil }
            return (Int(index), file)
        }
    }
}
