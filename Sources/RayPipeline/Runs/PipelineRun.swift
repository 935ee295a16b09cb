import Foundation
import RayAPI
import RayCanvas

/// How a run behaves beyond its spec.
public struct RunSettings: Sendable {
    /// Remote jobs running at once; lowered automatically when Scenario says too many are in flight.
    public var maxInFlight = 4
    /// Seconds to wait for each job before leaving it to a later run.
    public var timeout = 1800.0
    /// Submit again a step whose earlier submit may or may not have reached Scenario.
    public var resubmitUnknown = false
    /// Submit again a step whose job failed.
    public var retryFailed = false
    /// Upload and ask for the cost (`dryRun`) only; nothing runs.
    public var estimateOnly = false
    /// Stop once each job is submitted; a later run polls it.
    public var noWait = false
    /// Local media work (fixing, cropping, finishing) at once.
    public var localWorkers = ProcessInfo.processInfo.activeProcessorCount

    public init() {}
}

/// Something a run wants a person to see.
public struct RunEvent: Sendable {
    public let item: String
    public let message: String
    /// A job's status and progress (0…1), for a progress line; nil for plain messages.
    public let job: (id: String, status: String, progress: Double?)?
}

/// What a run ended with.
public struct RunReport: Sendable {
    public let manifestPath: String
    public let manifest: Manifest
    /// One line per item that did not finish, with what to do.
    public let problems: [String]
    /// Cost estimates by item (with `estimateOnly`).
    public let estimates: [String: Double]
}

/// Runs a pipeline's items concurrently, each step recorded in the manifest before the next begins, so a
/// run stopped anywhere (crash, kill, lost connection) can be resumed without a second upload or a second paid submit.
public final class PipelineRun: @unchecked Sendable {
    let store: ManifestStore
    let client: ScenarioClient
    let settings: RunSettings
    let events: @Sendable (RunEvent) -> Void
    let inFlight: InFlightLimit
    let uploadOnce = UploadOnce()
    let localWork: DispatchSemaphore
    private let estimates = Estimates()

    private init(store: ManifestStore, client: ScenarioClient, settings: RunSettings, events: @escaping @Sendable (RunEvent) -> Void) {
        (self.store, self.client, self.settings, self.events) = (store, client, settings, events)
        inFlight = InFlightLimit(settings.maxInFlight)
        localWork = DispatchSemaphore(value: max(1, settings.localWorkers))
    }

    /// A new run of `spec`; relative paths in it are taken from `folder` (the spec file's folder).
    ///
    /// - Parameter manifestPath: default `OUTPUT_DIR/pipeline.raykit.json`.
    public static func start(_ spec: PipelineSpec, relativeTo folder: String, manifestPath: String? = nil, client: ScenarioClient,
                             settings: RunSettings = RunSettings(),
                             events: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws(PipelineError) -> PipelineRun {
        let outputDir = Paths.absolute(spec.outputDir ?? ".", relativeTo: folder)
        var resolved = spec
        resolved.outputDir = outputDir
        let items = try spec.expanded().map { item in
            ItemRecord(name: item.name ?? "item", video: item.video.map { Paths.input($0, relativeTo: folder) },
                       noAudio: item.noAudio ?? false, output: item.output.map { Paths.absolute($0, relativeTo: folder) },
                       steps: item.steps.map(StepRecord.init))
        }
        try check(items)
        resolved.items = spec.items
        let manifest = Manifest(spec: resolved, outputDir: outputDir, items: items)
        let path = manifestPath ?? (outputDir as NSString).appendingPathComponent("pipeline.raykit.json")
        try Paths.createFolder(outputDir)
        let store = ManifestStore(manifest, path: path)
        try store.save()
        return PipelineRun(store: store, client: client, settings: settings, events: events)
    }

    /// Carries on a run from its manifest. A submit that was under way when the run stopped becomes `unknown`.
    public static func resume(_ manifestPath: String, client: ScenarioClient, settings: RunSettings = RunSettings(),
                              events: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws(PipelineError) -> PipelineRun {
        var manifest = try ManifestStore.load(manifestPath)
        for i in manifest.items.indices {
            for s in manifest.items[i].steps.indices where manifest.items[i].steps[s].state == .submitting {
                manifest.items[i].steps[s].state = .unknown
                manifest.items[i].steps[s].error = "the run stopped while submitting: the job may exist and be charged"
            }
        }
        let store = ManifestStore(manifest, path: manifestPath)
        try store.save()
        return PipelineRun(store: store, client: client, settings: settings, events: events)
    }

    /// The manifest as it stands.
    public var manifest: Manifest { store.snapshot }
    public var manifestPath: String { store.path }

    /// Runs every unfinished item, each on its own thread, and waits for all.
    public func run() -> RunReport {
        let items = store.snapshot.items.indices
        let problems = Problems()
        let group = DispatchGroup()
        for item in items {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                do throws(PipelineError) {
                    try runItem(item)
                } catch {
                    let name = store.snapshot.items[item].name
                    problems.add("\(name): \(error.message)")
                    events(RunEvent(item: name, message: error.message, job: nil))
                }
            }
        }
        group.wait()
        return RunReport(manifestPath: store.path, manifest: store.snapshot, problems: problems.all, estimates: estimates.all)
    }

    /// Takes an item through its unfinished steps, then finishes its outputs.
    private func runItem(_ item: Int) throws(PipelineError) {
        let record = store.snapshot.items[item]
        for step in record.steps.indices where store.snapshot.items[item].steps[step].state != .done {
            let kind = record.steps[step].kind
            if kind == .crop {
                try runCrop(item: item, step: step)
            } else {
                let carryOn = try runModelStep(item: item, step: step)
                guard carryOn else { return }
            }
        }
        let outputs = store.snapshot.items[item].outputs
        if outputs.isEmpty || !outputs.allSatisfy(FileManager.default.fileExists) { try finish(item: item) }
    }

    /// Records an estimate (with `estimateOnly`).
    func estimate(_ item: String, _ cost: Double) { estimates.add(item, cost) }

    /// Checks what can be checked before any work: steps that need a source have one.
    private static func check(_ items: [ItemRecord]) throws(PipelineError) {
        for item in items {
            guard let first = item.steps.first else { throw PipelineError("item \(item.name) has no steps") }
            if first.kind != .generate && item.video == nil {
                throw PipelineError("item \(item.name) starts with \(first.kind.rawValue) but has no \"video\"")
            }
        }
    }
}

/// Collects lines from several threads.
private final class Problems: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

private final class Estimates: @unchecked Sendable {
    private let lock = NSLock()
    private var costs: [String: Double] = [:]
    func add(_ item: String, _ cost: Double) { lock.withLock { costs[item, default: 0] += cost } }
    var all: [String: Double] { lock.withLock { costs } }
}

/// Scenario's creative units, as people read them.
public enum CreativeUnits {
    /// `12`, or `12.50` when not whole.
    public static func text(_ cost: Double) -> String {
        cost == cost.rounded() && abs(cost) < 1e15 ? String(Int(cost)) : String(format: "%.2f", cost)
    }
}
