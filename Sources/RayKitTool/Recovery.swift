import Foundation
import RayModels
import RayPipeline

/// The one command that moves a stopped run on, named in flags: the library says what is wrong and which
/// remedy applies (``PipelineError/Remedy``); only the command line knows the flags.
enum Recovery {
    /// Where a run was started: a single-model command (`raykit edit … -o OUT`) or a pipeline manifest.
    enum Origin {
        case single
        case pipeline(manifest: String)
    }

    /// Advice for `remedy`, or nil when the message already says it all.
    static func advice(_ remedy: PipelineError.Remedy, from origin: Origin) -> String? {
        switch (remedy, origin) {
        case (.waitForOtherRun, _):
            return nil
        case (.startFresh, _):
            return "run it as it was to carry on, or add --fresh to start over (the earlier run's jobs are forgotten, not cancelled)"
        case (.findUnknownJob(let item, let model, let since), _):
            let list = "raykit jobs list --model \(RayModel(rawValue: model).map { String(describing: $0) } ?? model)"
                + (since.map { " --since \(ISO8601DateFormatter().string(from: $0.addingTimeInterval(-60)))" } ?? "")
            return "find the job with `\(list)` and adopt it with \(attach(item, origin)), or pay again knowingly with \(rerun("--resubmit-unknown", origin))"
        case (.retryFailed, _):
            return "submit it again (a new paid job) with \(rerun("--retry-failed", origin))"
        case (.resumeLater, .single):
            return "run the same command again to carry on"
        case (.resumeLater, .pipeline(let manifest)):
            return "carry on with `raykit pipeline resume \(manifest)`"
        }
    }

    private static func attach(_ item: String, _ origin: Origin) -> String {
        switch origin {
        case .single: "--attach JOB_ID (the same command)"
        case .pipeline(let manifest): "`raykit pipeline resume \(manifest) --attach \(item)=JOB_ID`"
        }
    }

    private static func rerun(_ flag: String, _ origin: Origin) -> String {
        switch origin {
        case .single: "\(flag) (the same command)"
        case .pipeline(let manifest): "`raykit pipeline resume \(manifest) \(flag)`"
        }
    }
}
