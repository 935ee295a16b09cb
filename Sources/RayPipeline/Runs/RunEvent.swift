import RayAPI

/// Something a run wants a person to see: a line worth keeping, or what an item is doing now.
public struct RunEvent: Sendable {
    public let item: String
    /// A line worth keeping (submitted, a warning, a poll's trouble); nil for an activity update.
    public let note: String?
    /// What the item is doing now, replacing what it did before.
    public let activity: Activity?

    /// A line about `item`.
    public static func note(_ item: String, _ text: String) -> RunEvent { RunEvent(item: item, note: text, activity: nil) }

    /// `item`'s current activity.
    public static func activity(_ item: String, _ activity: Activity) -> RunEvent { RunEvent(item: item, note: nil, activity: activity) }
}

/// What an item is doing: a job's status and progress, a transfer's bytes, a wait for a place in Scenario's queue.
public struct Activity: Sendable, Equatable {
    /// In a word or two (`uploading clip.mp4`, `job_1 in-progress`, `waiting for a place`): a plain log prints a
    /// line when it changes, a terminal redraws it with the details.
    public let phase: String
    /// The job's progress, 0…1, when the server says.
    public var fraction: Double?
    /// A transfer's bytes so far.
    public var transfer: TransferProgress?
    /// Seconds until the next try, while waiting.
    public var countdown: Double?

    public init(_ phase: String, fraction: Double? = nil, transfer: TransferProgress? = nil, countdown: Double? = nil) {
        (self.phase, self.fraction, self.transfer, self.countdown) = (phase, fraction, transfer, countdown)
    }
}
