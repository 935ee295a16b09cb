/// An upload or download under way: its byte progress as a stream for the caller to show, and its outcome.
///
/// ```swift
/// let upload = client.uploading("take.mp4", kind: .video)
/// for await step in upload.progress { print(step.bytes) }
/// let asset = try await upload.value
/// ```
public struct Transfer<Value: Sendable>: Sendable {
    /// Bytes moved so far, a few times a second (the newest when the reader falls behind); ends with the transfer.
    public let progress: AsyncStream<TransferProgress>
    private let task: Task<Result<Value, ScenarioError>, Never>

    /// Starts `work`, which reports its bytes through the closure it is given.
    init(_ work: @escaping @Sendable (_ report: @escaping @Sendable (TransferProgress) -> Void) async throws(ScenarioError) -> Value) {
        let (stream, continuation) = AsyncStream.makeStream(of: TransferProgress.self, bufferingPolicy: .bufferingNewest(1))
        progress = stream
        task = Task {
            defer { continuation.finish() }
            do throws(ScenarioError) {
                return .success(try await work { continuation.yield($0) })
            } catch {
                return .failure(error)
            }
        }
    }

    /// The outcome; cancelling the task that awaits it stops the transfer.
    public var value: Value {
        get async throws(ScenarioError) {
            try await withTaskCancellationHandler { await task.value } onCancel: { [task] in task.cancel() }.get()
        }
    }
}
