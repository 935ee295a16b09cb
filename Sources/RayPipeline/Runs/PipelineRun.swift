import Foundation
import RayAPI
import RayCanvas
import RayModels

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
    /// Jobs to adopt, by item name: a job found with `raykit jobs list` becomes the item's unfinished model step's.
    public var attach: [String: String] = [:]
    /// How findings' remedies name options: spec keys for a pipeline; the command line gives its flags.
    public var spell: Remedy.Speller = Remedy.specKey
    /// Split an Edit or Reframe source longer than the model takes into segments (else it is refused).
    public var splitLongTakes = true
    /// Longest segment, in seconds; nil for the model's limit (``LongTake/limit(for:)``).
    public var maxSegmentSeconds: Double?
    /// Local media work (fixing, cropping, finishing) at once.
    public var localWorkers = ProcessInfo.processInfo.activeProcessorCount

    public init() {}
}

/// What a run ended with.
public struct RunReport: Sendable {
    public let manifestPath: String
    /// Whether the manifest was written: a run that stopped before any upload or submit leaves none.
    public let manifestWritten: Bool
    public let manifest: Manifest
    /// One per item that did not finish: why, and what moves it on.
    public let problems: [RunProblem]
    /// Cost estimates by item (with `estimateOnly`).
    public let estimates: [String: Double]
}

/// An item that did not finish.
public struct RunProblem: Sendable, Equatable {
    public let item: String
    public let error: PipelineError
}

/// Runs a pipeline's items concurrently, each step recorded in the manifest before the next begins, so a
/// run stopped anywhere (crash, kill, lost connection) can be resumed without a second upload or a second paid submit.
public final class PipelineRun: @unchecked Sendable {
    let store: ManifestStore
    let client: ScenarioClient
    let settings: RunSettings
    let events: @Sendable (RunEvent) -> Void
    let inFlight: AsyncLimit
    let uploadOnce = UploadOnce()
    let localWork: AsyncLimit
    private let completions = ItemCompletions()
    private let estimates = Estimates()
    /// The manifest's lock and each item's output's, held for the run's life.
    private let locks: [RunLock]

    private init(store: ManifestStore, locks: [RunLock], client: ScenarioClient, settings: RunSettings,
                 events: @escaping @Sendable (RunEvent) -> Void) {
        (self.store, self.locks, self.client, self.settings, self.events) = (store, locks, client, settings, events)
        inFlight = AsyncLimit(settings.maxInFlight)
        localWork = AsyncLimit(settings.localWorkers)
    }

    /// A new run of `spec`; relative paths in it are taken from `folder` (the spec file's folder).
    ///
    /// The manifest is locked, and so is each item's output, for as long as the run lives; the manifest is
    /// written before the first upload or submit. An Edit or Reframe item whose source is longer than the
    /// model takes is split into segments, one item each, unless the settings say not to (see ``LongTake``).
    /// - Parameters:
    ///   - manifestPath: default `OUTPUT_DIR/pipeline.raykit.json`.
    ///   - lock: the manifest's lock when the caller already holds it.
    /// - Throws: `PipelineError` for a bad spec, a long source that cannot be split, or when another run
    ///   holds the manifest or an output.
    public static func start(_ spec: PipelineSpec, relativeTo folder: String, manifestPath: String? = nil, client: ScenarioClient,
                             settings: RunSettings = RunSettings(), lock: RunLock? = nil,
                             events: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws(PipelineError) -> PipelineRun {
        let outputDir = Paths.absolute(spec.outputDir ?? ".", relativeTo: folder)
        let path = manifestPath ?? (outputDir as NSString).appendingPathComponent("pipeline.raykit.json")
        try Paths.createFolder(outputDir)
        let manifestLock = if let lock { lock } else { try RunLock(for: path) }
        if FileManager.default.fileExists(atPath: path) && lock == nil {
            // Replacing another run's state would lose its jobs: only the single commands' --fresh does that, knowingly.
            throw PipelineError("\(path) already records a run: resume it, or give this run another manifest or output folder",
                                remedy: .resumeLater)
        }
        var (items, takes): ([ItemRecord], [LongTake]) = ([], [])
        for item in try spec.expanded() {
            if settings.splitLongTakes,
               let split = try LongTakeStart.split(item, relativeTo: folder, outputDir: outputDir, maxSeconds: settings.maxSegmentSeconds, events: events) {
                takes.append(split.take)
                items += split.items.map { record($0, relativeTo: folder) }
            } else {
                items.append(record(item, relativeTo: folder))
            }
        }
        try check(items)
        var resolved = spec
        resolved.outputDir = outputDir
        var manifest = Manifest(spec: resolved, outputDir: outputDir, items: items)
        manifest.longTakes = takes.isEmpty ? nil : takes
        try checkAttach(settings, manifest)
        let locks = try lockOutputs(of: manifest, manifestPath: path, holding: manifestLock)
        return PipelineRun(store: ManifestStore(manifest, path: path, written: false), locks: locks, client: client, settings: settings,
                           events: events)
    }

    /// An item of the spec as the manifest records it, its paths made absolute.
    private static func record(_ item: ItemSpec, relativeTo folder: String) -> ItemRecord {
        ItemRecord(name: item.name ?? "item", video: item.video.map { Paths.input($0, relativeTo: folder) }, noAudio: item.noAudio ?? false,
                   output: item.output.map { Paths.absolute($0, relativeTo: folder) }, steps: item.steps.map(StepRecord.init), after: item.after)
    }

    /// Carries on a run from its manifest. A submit that was under way when the run stopped becomes `unknown`.
    ///
    /// - Parameter lock: the manifest's lock when the caller already holds it.
    /// - Throws: `PipelineError` for an unreadable manifest, or when another run holds it or an output.
    public static func resume(_ manifestPath: String, client: ScenarioClient, settings: RunSettings = RunSettings(), lock: RunLock? = nil,
                              events: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws(PipelineError) -> PipelineRun {
        let manifestLock = if let lock { lock } else { try RunLock(for: manifestPath) }
        var manifest = try ManifestStore.load(manifestPath)
        for i in manifest.items.indices {
            for s in manifest.items[i].steps.indices where manifest.items[i].steps[s].state == .submitting {
                manifest.items[i].steps[s].state = .unknown
                manifest.items[i].steps[s].error = "the run stopped while submitting: the job may exist and be charged"
            }
        }
        try checkAttach(settings, manifest)
        let locks = try lockOutputs(of: manifest, manifestPath: manifestPath, holding: manifestLock)
        let store = ManifestStore(manifest, path: manifestPath, written: true)
        try store.save()
        return PipelineRun(store: store, locks: locks, client: client, settings: settings, events: events)
    }

    /// Every job to adopt names an item of the run.
    private static func checkAttach(_ settings: RunSettings, _ manifest: Manifest) throws(PipelineError) {
        if let name = settings.attach.keys.sorted().first(where: { name in !manifest.items.contains { $0.name == name } }) {
            throw PipelineError("no item is named \(name): the items are \(manifest.items.map(\.name).joined(separator: ", "))")
        }
    }

    /// The manifest's lock (taken unless held) and the lock of every item's final output but the manifest's own.
    private static func lockOutputs(of manifest: Manifest, manifestPath: String, holding held: RunLock?) throws(PipelineError) -> [RunLock] {
        let manifestLock = if let held { held } else { try RunLock(for: manifestPath) }
        var locks = [manifestLock]
        let outputs = manifest.items.map { $0.output ?? (manifest.outputDir as NSString).appendingPathComponent("\($0.name).mp4") }
        for output in outputs + (manifest.longTakes ?? []).map(\.output) {
            let state = SingleRun.manifestPath(for: output)
            if state != manifestPath { locks.append(try RunLock(for: state)) }
        }
        return locks
    }

    /// The manifest as it stands.
    public var manifest: Manifest { store.snapshot }
    public var manifestPath: String { store.path }

    /// Runs every unfinished item, at most `maxInFlight` at once in a task group, and waits for all.
    /// Cancelling the calling task stops them (each step's state is kept).
    public func run() async -> RunReport {
        var problems: [(Int, RunProblem)] = []
        await withTaskGroup(of: (Int, RunProblem)?.self) { group in
            var items = store.snapshot.items.indices.makeIterator()
            for _ in 0..<max(1, settings.maxInFlight) {
                guard let item = items.next() else { break }
                group.addTask { await self.attempt(item) }
            }
            while let finished = await group.next() {
                if let finished { problems.append(finished) }
                if let item = items.next() { group.addTask { await self.attempt(item) } }
            }
        }
        for (number, take) in (store.snapshot.longTakes ?? []).enumerated() where take.items.allSatisfy(isDone) {
            do throws(PipelineError) { try await finishLongTake(number) } catch {
                problems.append((store.snapshot.items.count + number, RunProblem(item: take.request.name ?? "item", error: error)))
            }
        }
        if !store.isWritten && store.snapshot.items.contains(where: { $0.state == .done }) { try? store.save() }
        return RunReport(manifestPath: store.path, manifestWritten: store.isWritten, manifest: store.snapshot,
                         problems: problems.sorted { $0.0 < $1.0 }.map(\.1), estimates: estimates.all)
    }

    /// Whether the item named `name` is done.
    private func isDone(_ name: String) -> Bool { store.snapshot.items.first { $0.name == name }?.state == .done }

    /// Runs one item once the items it comes after have finished; what stopped it, if anything.
    private func attempt(_ item: Int) async -> (Int, RunProblem)? {
        let name = store.snapshot.items[item].name
        do throws(PipelineError) {
            for earlier in store.snapshot.items[item].after ?? [] where await !completions.wait(for: earlier) && !settings.estimateOnly {
                throw PipelineError("it uses the result of \(earlier), which did not finish", remedy: .resumeLater)
            }
            try await runItem(item)
            // An item stopped by design (an estimate, not waiting for jobs) has no result to build on.
            completions.end(name, finished: store.snapshot.items[item].state == .done)
            return nil
        } catch {
            completions.end(name, finished: false)
            return (item, RunProblem(item: name, error: error))
        }
    }

    /// Takes an item through its unfinished steps, then finishes its outputs.
    private func runItem(_ item: Int) async throws(PipelineError) {
        let record = store.snapshot.items[item]
        for step in record.steps.indices where store.snapshot.items[item].steps[step].state != .done {
            let kind = record.steps[step].kind
            if kind == .crop {
                try await runCrop(item: item, step: step)
            } else {
                let carryOn = try await runModelStep(item: item, step: step)
                guard carryOn else { return }
            }
        }
        let outputs = store.snapshot.items[item].outputs
        if outputs.isEmpty || !outputs.allSatisfy(FileManager.default.fileExists) { try await finish(item: item) }
    }

    /// Runs media work (planning, cropping, checking, finishing) on a thread of its own, at most
    /// `localWorkers` at once, so that the tasks polling Scenario never wait behind it.
    func local<T: Sendable>(_ body: @escaping @Sendable () throws(PipelineError) -> T) async throws(PipelineError) -> T {
        await localWork.acquire()
        defer { localWork.release() }
        let result: Result<T, PipelineError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Result { () throws(PipelineError) in try body() }) }
        }
        return try result.get()
    }

    /// Records an estimate (with `estimateOnly`).
    func estimate(_ item: String, _ cost: Double) { estimates.add(item, cost) }

    /// Checks what can be checked before any work: steps that need a source have one, and an item comes
    /// only after items listed before it (so waiting for them can never hold up the items they wait for).
    private static func check(_ items: [ItemRecord]) throws(PipelineError) {
        for (number, item) in items.enumerated() {
            if let unknown = item.after?.first(where: { name in !items[..<number].contains { $0.name == name } }) {
                throw PipelineError("item \(item.name) comes after \(unknown), which is not an item listed before it")
            }
            guard let first = item.steps.first else { throw PipelineError("item \(item.name) has no steps") }
            if first.kind != .generate && item.video == nil {
                throw PipelineError("item \(item.name) starts with \(first.kind.rawValue) but has no \"video\"")
            }
        }
    }
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
