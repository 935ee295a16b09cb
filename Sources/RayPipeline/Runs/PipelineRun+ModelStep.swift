import Foundation
import RayAPI
import RayCanvas
import RayMedia
import RayModels

extension PipelineRun {
    /// Takes a Generate, Edit or Reframe step from wherever it stands to `done`: prepare and upload, submit
    /// (once), poll, and fetch the outputs when a later local step or the finish needs them.
    ///
    /// - Returns: false when the item stops here by design (estimate only, or not waiting for jobs).
    func runModelStep(item: Int, step: Int) async throws(PipelineError) -> Bool {
        var record = store.snapshot.items[item].steps[step]
        let name = store.snapshot.items[item].name
        if let jobId = settings.attach[name], [.pending, .prepared, .unknown, .failed].contains(record.state) {
            if record.state == .pending { try await plan(item: item, step: step) }
            try await adopt(jobId, item: item, step: step)
        }
        record = store.snapshot.items[item].steps[step]
        switch record.state {
        case .unknown where !settings.resubmitUnknown:
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): an earlier submit's answer was lost (\(record.error ?? "")); "
                + "it is not sent again unasked", remedy: .findUnknownJob(item: name, model: record.kind.model!.rawValue, since: record.submittedAt))
        case .failed where record.jobId != nil && !settings.retryFailed:
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): job \(record.jobId!) failed: \(record.error ?? "no reason given")",
                                remedy: .retryFailed(item: name))
        case .pending, .prepared, .unknown, .failed:
            guard let request = try await uploadInputs(item: item, step: step) else { return false }
            guard try await submit(request, item: item, step: step) else { return false }
        default:
            break
        }
        record = store.snapshot.items[item].steps[step]
        if record.state == .submitted {
            if settings.noWait { return false }
            try await awaitJob(item: item, step: step)
        }
        try await fetchOutputsIfNeeded(item: item, step: step)
        try store.updateStep(item: item, step: step) { $0.state = .done }
        return true
    }

    /// Takes over a job created elsewhere (found with `raykit jobs list`) as this step's: it must exist and
    /// run the step's model. The step is then `submitted` and polled like its own.
    private func adopt(_ jobId: String, item: Int, step: Int) async throws(PipelineError) {
        let record = store.snapshot.items[item].steps[step]
        let model = record.kind.model!.rawValue
        let job: Job
        do { job = try await client.job(jobId) } catch {
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): cannot adopt job \(jobId): \(error.message)")
        }
        if let other = job.modelId, other != model {
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): job \(jobId) ran \(other), not \(model): it is not this step's job")
        }
        try store.save()
        try store.updateStep(item: item, step: step) {
            $0.state = .submitted
            $0.jobId = jobId
            $0.error = nil
        }
        // Polled from here like a job of its own: it holds a place in flight until awaitJob ends (none without waiting).
        if !settings.noWait { await inFlight.acquire() }
        events(.note(store.snapshot.items[item].name, "adopted job \(jobId) (\(job.status)) for \(record.kind.rawValue)"))
    }

    /// Plans the step's request from its options and source: validation, stills, a fixed source where one
    /// is needed, all local; the step becomes `prepared`.
    @discardableResult
    private func plan(item: Int, step: Int) async throws(PipelineError) -> RequestPlan {
        let snapshot = store.snapshot
        let record = snapshot.items[item].steps[step]
        let source = input(of: step, in: snapshot.items[item])
        let (cropTarget, folder) = (cropTarget(after: step, in: snapshot.items[item]), workFolder(item: item, step: step))
        // An estimate runs no job, so guide frames from another item's result that is not made yet are left out.
        let spec = settings.estimateOnly ? record.spec.withoutUnmadeGuides : record.spec
        let plan: RequestPlan
        do {
            plan = try await local { () throws(PipelineError) in
                try StepPlanning.plan(spec, source: source, cropTarget: cropTarget, folder: folder)
            }
        } catch {
            try fail(item: item, step: step, error.message)
        }
        let warnings = plan.findings.filter { $0.severity == .warning }.map { "\($0.message): \($0.fix.rendered(settings.spell))" }
        guard plan.verdict != .needsFixing else {
            try fail(item: item, step: step, plan.findings.filter { $0.severity == .error }.map { "\($0.message): \($0.fix.rendered(settings.spell))" }.joined(separator: "; "))
        }
        try store.updateStep(item: item, step: step) {
            $0.input = source
            $0.state = .prepared
            $0.warnings = warnings
            $0.error = nil
            if let video = plan.request.video?.localPath { $0.sourceFile = video }
        }
        for warning in warnings { events(.note(snapshot.items[item].name, "warning: \(warning)")) }
        return plan
    }

    /// Uploads the planned request's files (each content once per run) and returns the request to send (asset
    /// ids in place of files), or nil when only an estimate was asked for (then recorded). The manifest is
    /// written before the first upload.
    private func uploadInputs(item: Int, step: Int) async throws(PipelineError) -> RayRequest? {
        let plan = try await self.plan(item: item, step: step)
        let record = store.snapshot.items[item].steps[step]
        try store.save()
        var assetIDs: [String: String] = [:]
        for file in plan.files { assetIDs[file] = try await upload(file, item: item, step: step) }
        let request = plan.request.resolvingFiles(assetIDs)
        guard settings.estimateOnly else { return request }
        let name = store.snapshot.items[item].name
        do {
            let cost = try await client.submit(request, dryRun: true).cost ?? 0
            estimate(name, cost)
        } catch {
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): estimate failed: \(error.message)")
        }
        return nil
    }

    /// Uploads a local file unless this run already has it (by SHA-256); returns its asset id.
    private func upload(_ file: String, item: Int, step: Int) async throws(PipelineError) -> String {
        let hash: String
        do { hash = try FileDigest.sha256(file) } catch { try fail(item: item, step: step, error.localizedDescription) }
        try store.updateStep(item: item, step: step) { if !$0.uploads.contains(hash) { $0.uploads.append(hash) } }
        return try await uploadOnce.run(hash) { [self] () async throws(PipelineError) -> String in
            let known = store.snapshot.uploads[hash]
            if let asset = known?.assetId { return asset }
            do {
                if let uploadId = known?.uploadId, let resumed = try await client.resumeUpload(uploadId) {
                    try store.update { $0.uploads[hash]?.assetId = resumed.assetId }
                    return resumed.assetId
                }
                try store.update { $0.uploads[hash] = UploadRecord(file: file, sha256: hash) }
                let name = store.snapshot.items[item].name, phase = "uploading \((file as NSString).lastPathComponent)"
                events(.activity(name, Activity(phase)))
                let uploaded = try await follow(client.uploading(file, kind: Paths.isVideo(file) ? .video : .image) { [store] uploadId in
                    try? store.update { $0.uploads[hash]?.uploadId = uploadId }
                }, item: name, phase: phase)
                try store.update { $0.uploads[hash]?.assetId = uploaded.assetId }
                return uploaded.assetId
            } catch let error as ScenarioError {
                try fail(item: item, step: step, "upload of \(file): \(error.message)")
            } catch {
                throw error as! PipelineError
            }
        }
    }

    /// Submits once. The manifest says `submitting` before the request leaves, `submitted` with the job id
    /// the moment it is known; a lost answer leaves `unknown`, never a silent second submit.
    /// - Returns: false when the run does not wait for the job.
    private func submit(_ request: RayRequest, item: Int, step: Int) async throws(PipelineError) -> Bool {
        let record = store.snapshot.items[item].steps[step]
        let model = record.kind.model!.rawValue
        let name = store.snapshot.items[item].name
        var attempt = 1
        var announcedLimit: Int?
        while true {
            await inFlight.acquire()
            try store.updateStep(item: item, step: step) {
                $0.state = .submitting
                $0.request = try? JSONValue(data: request.body())
                $0.submittedAt = Date()
            }
            let submission: Submission
            do {
                submission = try await client.submit(request)
            } catch where error.status == 429 && error.actionLimit != nil && attempt < client.configuration.retry.maxAttempts * 2 {
                let limit = inFlight.lower(serverLimit: error.actionLimit)
                inFlight.release()
                try store.updateStep(item: item, step: step) { $0.state = .prepared }
                if limit != announcedLimit {
                    events(.note(name, "Scenario allows \(error.actionLimit!) job(s) in flight: at most \(limit) at once from now on, waiting for a place"))
                    announcedLimit = limit
                }
                await client.pause(afterAttempt: attempt, retryAfter: error.retryAfter) { left in
                    events(.activity(name, Activity("waiting for a place", countdown: left)))
                }
                attempt += 1
                continue
            } catch {
                inFlight.release()
                if error.kind == .submitOutcomeUnknown {
                    try store.updateStep(item: item, step: step) { $0.state = .unknown; $0.error = error.message }
                    let name = store.snapshot.items[item].name
                    throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): \(error.message)",
                                        remedy: .findUnknownJob(item: name, model: model, since: store.snapshot.items[item].steps[step].submittedAt))
                }
                try fail(item: item, step: step, error.message)
            }
            try store.updateStep(item: item, step: step) {
                $0.state = .submitted
                $0.jobId = submission.jobId
                $0.cost = submission.cost
                $0.error = nil
            }
            events(.note(store.snapshot.items[item].name, "submitted \(record.kind.rawValue): job \(submission.jobId ?? "?")"
                + (submission.cost.map { ", \(CreativeUnits.text($0)) creative units" } ?? "")))
            if settings.noWait { inFlight.release() }
            return true
        }
    }

    /// Polls the step's job to the end, recording each status; a timeout leaves it `submitted` for a later run.
    private func awaitJob(item: Int, step: Int) async throws(PipelineError) {
        let record = store.snapshot.items[item].steps[step]
        let name = store.snapshot.items[item].name
        guard let jobId = record.jobId else { try fail(item: item, step: step, "submitted without a job id") }
        defer { inFlight.release() }
        let job: Job
        do {
            job = try await client.wait(for: jobId, timeout: settings.timeout) { note in
                switch note {
                case .status(let job):
                    let changed = store.snapshot.items[item].steps[step]
                    guard changed.jobStatus != job.status.rawValue || changed.progress != job.progress else { return }
                    try? store.updateStep(item: item, step: step) { $0.jobStatus = job.status.rawValue; $0.progress = job.progress }
                    events(.activity(name, Activity("\(record.kind.rawValue) \(jobId) \(job.status)", fraction: job.progress)))
                case .trouble, .recovered:
                    events(.note(name, "poll of \(jobId): \(note.line ?? "")"))
                }
            }
        } catch where error.kind == .jobFailed {
            try fail(item: item, step: step, error.message, remedy: .retryFailed(item: name))
        } catch where error.kind == .timedOut {
            throw PipelineError("\(error.message); the job is recorded in \(store.path)", remedy: .resumeLater)
        } catch {
            throw PipelineError("step \(step + 1) (\(record.kind.rawValue)), job \(jobId): \(error.message); the job is recorded in \(store.path)",
                                remedy: .resumeLater)
        }
        try store.updateStep(item: item, step: step) {
            $0.state = .succeeded
            $0.jobStatus = job.status.rawValue
            $0.outputAssetIds = job.assetIds
        }
        if job.assetIds.isEmpty { try fail(item: item, step: step, "job \(jobId) succeeded with no output asset") }
    }

    /// Downloads every output of the step when the next step is local or this is the last step; a model
    /// step that feeds another model step passes its first output on by asset id instead.
    private func fetchOutputsIfNeeded(item: Int, step: Int) async throws(PipelineError) {
        let snapshot = store.snapshot.items[item]
        let record = snapshot.steps[step]
        let next = step + 1 < snapshot.steps.count ? snapshot.steps[step + 1].kind : nil
        guard next == nil || next == .crop else { return }
        var files = record.outputFiles
        try Paths.createFolder(workFolder(item: item, step: step))
        for (number, asset) in record.outputAssetIds.enumerated() where number >= files.count {
            let file = (workFolder(item: item, step: step) as NSString).appendingPathComponent("output-\(number + 1).mp4")
            let known = (outputPath(snapshot, number: number) as NSString).lastPathComponent
            let phase = "downloading \(known)"
            do {
                _ = try await follow(client.downloading(asset, to: file), item: snapshot.name, phase: phase)
            } catch {
                throw PipelineError("step \(step + 1) (\(record.kind.rawValue)): \(error.message); the job's outputs are recorded in \(store.path)",
                                    remedy: .resumeLater)
            }
            files.append(file)
            let check = try? await local { [self] in checkResult(file, of: record) }
            try store.updateStep(item: item, step: step) {
                $0.outputFiles = files
                if let check { $0.checks.append(check) }
            }
            if let check, check.verdict != .ok {
                // Each finding starts with its own verdict (`warn: …`).
                events(.note(snapshot.name, "check \(check.kind) of \(known): " + check.findings.joined(separator: "; ")))
            }
        }
    }

    /// Runs the check that matches the step on one downloaded output: Reframe fidelity against the local
    /// source sent, Edit timing against it and the guide stills the request sent, the seam of a Generate
    /// loop. A check that cannot run is reported as a warning.
    private func checkResult(_ file: String, of step: StepRecord) -> ResultCheckSummary? {
        do {
            switch step.kind {
            case .reframe:
                guard let source = step.sourceFile else { return nil }
                let check = try ReframeCheck.run(source: source, result: file)
                return ResultCheckSummary(file: file, kind: "reframe", verdict: check.verdict, findings: check.findings.map(\.description))
            case .edit:
                guard let source = step.sourceFile else { return nil }
                let check = try EditCheck.run(source: source, result: file, guides: store.snapshot.guideStills(of: step))
                return ResultCheckSummary(file: file, kind: "edit", verdict: check.verdict, findings: check.findings.map(\.description),
                                          guideFrames: check.guides.map(\.keyframeIndex))
            case .generate where step.spec.loops:
                let check = try LoopCheck.run(file)
                return ResultCheckSummary(file: file, kind: "loop", verdict: check.verdict, findings: check.findings.map(\.description))
            default:
                return nil
            }
        } catch {
            return ResultCheckSummary(file: file, kind: step.kind.rawValue, verdict: .warn, findings: ["the check could not run: \(error.localizedDescription)"])
        }
    }

    /// Awaits a transfer, its byte progress shown as the item's activity.
    private func follow<Value>(_ transfer: Transfer<Value>, item name: String, phase: String) async throws(ScenarioError) -> Value {
        let relay = Task { [events] in
            for await step in transfer.progress { events(.activity(name, Activity(phase, transfer: step))) }
        }
        // The stream ends with the transfer, however it ends: the relay is done with it.
        defer { relay.cancel() }
        return try await transfer.value
    }

    /// Records the step as failed and throws.
    func fail(item: Int, step: Int, _ message: String, remedy: PipelineError.Remedy? = nil) throws(PipelineError) -> Never {
        let kind = store.snapshot.items[item].steps[step].kind
        try store.updateStep(item: item, step: step) { $0.state = .failed; $0.error = message }
        throw PipelineError("step \(step + 1) (\(kind.rawValue)): \(message)", remedy: remedy)
    }

    /// The source of a step: the item's video for the first, else the previous step's output
    /// (a model step's first output asset, or a local step's file).
    func input(of step: Int, in item: ItemRecord) -> String? {
        guard step > 0 else { return item.video }
        let previous = item.steps[step - 1]
        return previous.kind == .crop ? previous.outputFiles.first : (previous.outputFiles.first ?? previous.outputAssetIds.first)
    }

    /// The ratio a crop step right after `step` delivers, when it names one.
    func cropTarget(after step: Int, in item: ItemRecord) -> AspectRatio? {
        guard step + 1 < item.steps.count, case .crop(let crop) = item.steps[step + 1].spec else { return nil }
        return crop.to.ratio
    }

    /// `RUN_OUTPUT/.raykit/ITEM/step-N`: stills, fixed sources and intermediate files of one step.
    func workFolder(item: Int, step: Int) -> String {
        let snapshot = store.snapshot
        return [snapshot.outputDir, ".raykit", snapshot.items[item].name, "step-\(step + 1)"].reduce("") { ($0 as NSString).appendingPathComponent($1) }
    }
}
