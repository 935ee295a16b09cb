import ArgumentParser
import Foundation
import RayAPI
import RayModels
import RayPipeline

extension RayKit {
    /// `raykit jobs show|wait|download|cancel JOB_ID`: jobs submitted elsewhere or with `--no-wait`.
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recent Scenario jobs; look at, wait for, download or cancel one by id.",
            subcommands: [List.self, Show.self, Wait.self, Download.self, Cancel.self])

        /// Prints a job as a line or JSON.
        static func report(_ job: Job, json: Bool) throws {
            if json { print(try Output.json(job)); return }
            let percent = job.progress.map { String(format: " %.0f%%", $0 * 100) } ?? ""
            print("\(job.jobId): \(job.status)\(percent)" + (job.assetIds.isEmpty ? "" : ", outputs \(job.assetIds.joined(separator: ", "))")
                + (job.error.map { ", error: \($0)" } ?? ""))
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Recent jobs on Scenario, newest first: find a job whose submit answer was lost, then adopt it with --attach.")
            @OptionGroup var options: GlobalOptions<ScenarioLog>
            @Option(help: "Only this model's jobs: generate, edit, reframe, or a model id.") var model: JobModel?
            @Option(help: "Only jobs created at or after this time: ISO 8601 (2026-12-02T18:40:00Z) or an age (90s, 30m, 2h, 1d).")
            var since: JobTime?
            @Option(help: "The most jobs listed.") var limit = 20

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                let (model, since, limit, json) = (model, since, limit, options.json)
                try await Output.cancellable {
                    let jobs = try await client.recentJobs(model: model?.id, since: since?.date, limit: max(1, limit))
                    if json { print(try Output.json(jobs)); return }
                    if jobs.isEmpty { print("no jobs" + (model.map { " of \($0.id)" } ?? "") + (since.map { " since \($0.text)" } ?? "")) }
                    for job in jobs {
                        print([job.jobId, job.createdAt ?? "-", job.modelId ?? "-", job.status.rawValue].joined(separator: "  "))
                    }
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A job's status, progress and outputs.")
            @OptionGroup var options: GlobalOptions<ScenarioLog>
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                let (jobId, json) = (jobId, options.json)
                try await Output.cancellable { try Jobs.report(try await client.job(jobId), json: json) }
            }
        }

        struct Wait: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Poll a job until it finishes (exit 1 if it fails).")
            @OptionGroup var options: GlobalOptions<ScenarioLog>
            @OptionGroup var remote: RemoteOptions
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try remote.client(verbose: options.verbose)
                let progress = RunProgress(quiet: options.json || remote.quiet)
                let (jobId, json, timeout) = (jobId, options.json, remote.timeout)
                try await Output.cancellable {
                    let job = try await client.wait(for: jobId, timeout: timeout) { note in
                        switch note {
                        case .status(let job): progress.show(.activity(jobId, Activity(job.status.rawValue, fraction: job.progress)))
                        case .trouble, .recovered: progress.show(.note(jobId, "poll: \(note.line ?? "")"))
                        }
                    }
                    try Jobs.report(job, json: json)
                }
            }
        }

        struct Download: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Download every output of a finished job: OUT, OUT-2.mp4, …")
            @OptionGroup var options: GlobalOptions<ScenarioLog>
            @Argument(help: "The job id (job_…).") var jobId: String
            @Option(name: .shortAndLong, help: "Where the first output goes.") var output: String
            @Flag(help: "Overwrite existing files.") var force = false

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                /// One downloaded output, as `--json` prints it.
                struct Downloaded: Encodable {
                    let assetId: String
                    let file: String
                    let bytes: Int64
                }
                let (jobId, output, force, json) = (jobId, output, force, options.json)
                try await Output.cancellable {
                    let job = try await client.job(jobId)
                    guard job.status == .success else { throw ScenarioError(.jobFailed, "job \(jobId) is \(job.status), not success: nothing to download") }
                    let url = URL(fileURLWithPath: output)
                    var downloaded: [Downloaded] = []
                    for (number, asset) in job.assetIds.enumerated() {
                        let path = number == 0 ? output : url.deletingPathExtension().path + "-\(number + 1)." + url.pathExtension
                        if !force && FileManager.default.fileExists(atPath: path) {
                            throw ScenarioError(.download, "\(path): already exists (use --force to overwrite)")
                        }
                        let bytes = try await client.download(asset, to: path)
                        if !json { print("\(asset) → \(Output.oneLine(path)) (\(bytes) bytes)") }
                        downloaded.append(Downloaded(assetId: asset, file: path, bytes: bytes))
                    }
                    if json { print(try Output.json(downloaded)) }
                }
            }
        }

        struct Cancel: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ask Scenario to cancel a job (some jobs cannot be).")
            @OptionGroup var options: GlobalOptions<ScenarioLog>
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                /// What `--json` prints once the cancel was accepted.
                struct Requested: Encodable {
                    let jobId: String
                    let cancelRequested = true
                }
                let (jobId, json) = (jobId, options.json)
                try await Output.cancellable {
                    try await client.cancel(jobId)
                    print(json ? try Output.json(Requested(jobId: jobId)) : "\(jobId): cancel requested")
                }
            }
        }
    }
}

/// `--model edit` or a model id, for `jobs list`.
struct JobModel: ExpressibleByArgument {
    let id: String

    init?(argument: String) {
        if let model = RayModel.allCases.first(where: { String(describing: $0) == argument }) {
            id = model.rawValue
        } else {
            guard argument.hasPrefix("model_") else { return nil }
            id = argument
        }
    }
}

/// `--since 2026-12-02T18:40:00Z` or an age (`30m`), for `jobs list`.
struct JobTime: ExpressibleByArgument {
    let date: Date
    let text: String

    init?(argument: String) {
        text = argument
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = argument.last.flatMap({ units[$0] }), let count = Double(argument.dropLast()), count >= 0 {
            date = Date().addingTimeInterval(-count * unit)
        } else if let parsed = ISO8601DateFormatter().date(from: argument) {
            date = parsed
        } else {
            return nil
        }
    }
}
