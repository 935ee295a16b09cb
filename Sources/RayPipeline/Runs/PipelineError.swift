import Foundation

/// A pipeline that cannot go on: a bad spec or manifest, a step that failed, a job whose fate is unknown.
///
/// The message speaks of files, items, steps and jobs; ``remedy`` says what moves the run on, for the
/// command line to name as a flag and a pipeline as a spec key.
public struct PipelineError: Error, LocalizedError, Sendable, Equatable {
    /// What a person can do about it.
    public enum Remedy: Sendable, Equatable {
        /// Another live process runs the same output (its PID when known): wait for it or stop it.
        case waitForOtherRun(pid: Int32?)
        /// The state beside the output records another request (what differs, one entry each): start over.
        case startFresh(differences: [String])
        /// A submit may have created a job: find it among the model's recent jobs and adopt it, or pay again knowingly.
        case findUnknownJob(item: String, model: String, since: Date?)
        /// The job failed: submitting again is a new paid job.
        case retryFailed(item: String)
        /// The job is still running or its result could not be fetched: the same run later carries on.
        case resumeLater
    }

    public let message: String
    public let remedy: Remedy?

    public init(_ message: String, remedy: Remedy? = nil) {
        self.message = message
        self.remedy = remedy
    }

    public var errorDescription: String? { message }

    /// A decoding error in words: which field and what was wrong.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case let error as PipelineError: error.message
        default: error.localizedDescription
        }
    }
}
