/// The answer to `POST /v1/push`: what the push changed on the server.
public struct PushReceipt: Sendable, Codable, Equatable {
    /// Row versions in the change set.
    public var received: Int
    /// Rows whose stored state changed (0 when the push was already applied: pushes are idempotent).
    public var changed: Int
    /// Conflicting fields the push opened (one per field whose concurrent writes disagree).
    public var conflictsOpened: Int
    /// The last server sequence assigned, after the push.
    public var latestSequence: UInt64

    /// A value with every field given.
    public init(received: Int, changed: Int, conflictsOpened: Int, latestSequence: UInt64) {
        self.received = received
        self.changed = changed
        self.conflictsOpened = conflictsOpened
        self.latestSequence = latestSequence
    }
}
