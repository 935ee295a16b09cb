import Foundation

/// How a generation job created on the server evolves as the client polls it.
///
/// The first `progressPolls` polls answer a running status, in this order: `queued`,
/// `warming-up`, then `in-progress` with a rising progress. The poll after them reports the outcome,
/// and every later poll repeats it.
public struct JobScript: Sendable {
    /// How a job ends.
    public enum Outcome: Sendable {
        /// `success`; each output becomes a new asset listed in `metadata.assetIds`.
        case success(outputs: [Data])
        /// `failure` with this text in `metadata.error`.
        case failure(error: String)
        /// `canceled`, as if someone else canceled the job.
        case canceled
    }

    /// Polls that answer a running status before the outcome.
    public var progressPolls: Int
    /// How the job ends.
    public var outcome: Outcome

    /// A script.
    ///
    /// - Parameters:
    ///   - progressPolls: polls that answer a running status before the outcome.
    ///   - outcome: how the job ends.
    public init(progressPolls: Int, outcome: Outcome) {
        self.progressPolls = progressPolls
        self.outcome = outcome
    }
}
