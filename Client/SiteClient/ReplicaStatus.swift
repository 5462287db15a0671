import ReplicaStore

/// What `farelegami status` shows about a replica.
public struct ReplicaStatus: Sendable, Codable, Equatable {
    /// The replica id.
    public let replica: String
    /// The site.
    public let site: String
    /// The server URL, if set.
    public let server: String?
    /// Rows with local changes the server has not acknowledged.
    public let unpushed: Int
    /// When the last sync succeeded.
    public let lastSync: String?
    /// Why the last sync failed, if the last attempt failed.
    public let lastError: String?
    /// Failures since the last success.
    public let consecutiveFailures: Int
    /// Open conflicts.
    public let openConflicts: Int
    /// The server sequence pulled through.
    public let cursor: UInt64
    /// Rows whose local writes the sync cannot carry as they stand, waiting to be corrected.
    public let heldBack: [QuarantinedRow]
    /// The id this replica had before it found it was a copy of itself and took the one it has now.
    public let forkedFrom: String?
    /// When that happened (ISO-8601).
    public let forkedAt: String?

    /// The fork in words, if this replica ever took a new identity.
    public var forkDescription: String? {
        forkedFrom.map {
            "this replica was restored from an older copy (or another copy of its file synced first) on "
                + "\(forkedAt ?? "an unknown date"); it now syncs as \(replica) (was \($0)), and nothing was lost"
        }
    }

    /// The status of `replica`.
    public init(of replica: Replica) throws(ReplicaError) {
        self.replica = replica.replicaID.rawValue
        self.site = replica.site
        self.server = try replica.meta(SyncSettings.Key.serverURL)
        self.unpushed = try replica.unpushedCount()
        self.lastSync = try replica.meta(SyncRecord.Key.lastSuccess)
        self.lastError = try replica.meta(SyncRecord.Key.lastError)
        self.consecutiveFailures = try replica.meta(SyncRecord.Key.consecutiveFailures).flatMap(Int.init) ?? 0
        self.openConflicts = try replica.openConflicts().count
        self.cursor = try replica.meta(SyncRecord.Key.cursor).flatMap(UInt64.init) ?? 0
        self.heldBack = try replica.quarantinedRows()
        self.forkedFrom = try replica.meta(MetaKey.forkedFrom)
        self.forkedAt = try replica.meta(MetaKey.forkedAt)
    }
}
