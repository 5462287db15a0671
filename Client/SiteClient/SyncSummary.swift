import ReplicaStore

/// What one sync did, as printed by `farelegami sync --json`.
public struct SyncSummary: Sendable, Equatable, Codable {
    /// Row versions sent to the server.
    public var pushed = 0
    /// Row versions received from the server.
    public var pulled = 0
    /// Rows whose local state changed from what was pulled.
    public var changed = 0
    /// Rows removed because this site may no longer hold them.
    public var forgotten = 0
    /// Conflicts open on this replica after the sync.
    public var conflicts = 0
    /// The server sequence this replica has pulled through.
    public var cursor: UInt64 = 0
    /// Pages pulled.
    public var pages = 0
    /// Rows whose local writes are held back from sync until corrected (`farelegami status` lists them).
    public var heldBack = 0
    /// What the sync found wrong in the replica and mended before it ran, one line each (e.g.
    /// capture triggers that had been dropped).
    public var notices: [String] = []
    /// Why the names of offices and times of writes could not be fetched, if they could not (the
    /// data steps of the sync succeeded all the same; conflicts then show "another office").
    public var directoryProblem: String?
    /// Set when this sync found the replica to be a copy of itself and gave it a new identity.
    public var fork: ForkOutcome?

    /// An empty summary.
    public init() {}
}
