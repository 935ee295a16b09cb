import ArgumentParser
import Foundation
import RayAPI

extension RayKit {
    /// `raykit jobs show|wait|download|cancel JOB_ID`: jobs submitted elsewhere or with `--no-wait`.
    struct Jobs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look at, wait for, download or cancel a Scenario job by id.",
            subcommands: [Show.self, Wait.self, Download.self, Cancel.self])

        /// Prints a job as a line or JSON.
        static func report(_ job: Job, json: Bool) throws {
            if json { print(try Output.json(job)); return }
            let percent = job.progress.map { String(format: " %.0f%%", $0 * 100) } ?? ""
            print("\(job.jobId): \(job.status)\(percent)" + (job.assetIds.isEmpty ? "" : ", outputs \(job.assetIds.joined(separator: ", "))")
                + (job.error.map { ", error: \($0)" } ?? ""))
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A job's status, progress and outputs.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                try Output.reporting { try Jobs.report(try client.job(jobId), json: options.json) }
            }
        }

        struct Wait: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Poll a job until it finishes (exit 1 if it fails).")
            @OptionGroup var options: GlobalOptions
            @OptionGroup var remote: RemoteOptions
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try remote.client(verbose: options.verbose)
                try Output.reporting { try Jobs.report(try client.wait(for: jobId, timeout: remote.timeout), json: options.json) }
            }
        }

        struct Download: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Download every output of a finished job: OUT, OUT-2.mp4, …")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The job id (job_…).") var jobId: String
            @Option(name: .shortAndLong, help: "Where the first output goes.") var output: String
            @Flag(help: "Overwrite existing files.") var force = false

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                try Output.reporting {
                    let job = try client.job(jobId)
                    guard job.status == .success else { throw ScenarioError(.jobFailed, "job \(jobId) is \(job.status), not success: nothing to download") }
                    let url = URL(fileURLWithPath: output)
                    for (number, asset) in job.assetIds.enumerated() {
                        let path = number == 0 ? output : url.deletingPathExtension().path + "-\(number + 1)." + url.pathExtension
                        if !force && FileManager.default.fileExists(atPath: path) {
                            throw ScenarioError(.download, "\(path): already exists (use --force to overwrite)")
                        }
                        let bytes = try client.download(asset, to: path)
                        print("\(asset) → \(path) (\(bytes) bytes)")
                    }
                }
            }
        }

        struct Cancel: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Ask Scenario to cancel a job (some jobs cannot be).")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The job id (job_…).") var jobId: String

            func run() async throws {
                let client = try RemoteOptions().client(verbose: options.verbose)
                try Output.reporting {
                    try client.cancel(jobId)
                    print("\(jobId): cancel requested")
                }
            }
        }
    }
}
