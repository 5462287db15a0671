/// One audited exchange: who (site and replica), when, what (push, resolve, pull), which tables and
/// how many rows. Never personal data: no field values, no row ids, only table names and counts.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// Increasing id: the cursor of `GET /v1/audit?since=`.
    public var id: Int64
    /// When (ISO-8601, UTC).
    public var at: String
    /// The token's site.
    public var site: String
    /// The replica that pushed or pulled.
    public var replica: String
    /// `push`, `resolve` (a push that closed conflicts) or `pull`.
    public var action: String
    /// Rows per table: received by a push, sent by a pull.
    public var tables: [String: Int]
    /// Total rows received or sent.
    public var rows: Int
    /// Rows whose stored state a push changed (0 for pulls).
    public var changed: Int
    /// Rows a pull told the replica to forget.
    public var forgotten: Int
    /// Conflicting fields a push opened.
    public var conflictsOpened: Int
    /// Conflicting fields a push closed (resolutions).
    public var conflictsClosed: Int
    /// What happened, in words, where the counts do not say it (a `fork`: which replica this one took
    /// over from); absent otherwise.
    public var note: String?
}

/// A page of the audit log, oldest first.
public struct AuditPage: Sendable, Equatable, Codable {
    /// The entries after `since`, at most `limit`.
    public var entries: [AuditEntry]
    /// The id of the last entry returned (the next `since`), or `since` when none.
    public var through: Int64
    /// Whether entries after `through` exist.
    public var more: Bool
}

extension AuditEntry {
    /// Sets `note` for the actions whose counts do not say what happened: a `fork` (from the replica
    /// `forkedFrom`, when known) and a `retire`.
    mutating func describeAction(forkedFrom: String?) {
        if action == "fork", let forkedFrom {
            note = "replica \(forkedFrom) was restored from an older copy (or a second copy of its file "
                + "synced first); it now syncs as \(replica), and nothing was lost"
        }
        if action == "retire" {
            note = "the central office retired replica \(replica): if it ever syncs again it takes a new identity"
        }
    }
}
