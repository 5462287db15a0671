import SyncProtocol

/// Where the merge server keeps every row's merged state, the sites, their tokens and replicas.
///
/// Each operation is atomic as seen by other operations (implementations serialize them) and
/// authorizes before it writes: a refused operation changes nothing. Two implementations:
/// `SQLiteChangeStore` (one file, one server process; the default) and `PostgresChangeStore` (any
/// number of server processes on one database); both pass the same suite (MergeServerTests).
public protocol ChangeStore: Sendable {
    /// The store's epoch: a random id made when the store was created.
    var epoch: String { get async }

    /// The site of the token whose SHA-256 hex is `tokenHash`; nil for an unknown or revoked token.
    func authenticate(tokenHash: String) async throws(ServerError) -> AuthenticatedSite?

    /// Registers `replica` to `site` on first sight (recording that it took over from `forkedFrom`,
    /// a replica of the same site, when given) and returns the server's view, with `forked` set when
    /// the replica is behind its own past: `counter` (its last write) below a write the server holds
    /// from it, or one of `cuts` held with another tag.
    ///
    /// `schemaVersion` is the catalog version the replica syncs at (nil: the server's), recorded for
    /// its pulls (sent as that version holds rows) and the status.
    ///
    /// - Throws: `ServerError.forbidden` when the replica is registered to another site,
    ///   `.versionMismatch` (`schema_version`) for a schema version the server does not know.
    func handshake(
        replica: ReplicaID, counter: UInt64?, cuts: [Cut], forkedFrom: ReplicaID?, schemaVersion: Int?,
        site: AuthenticatedSite
    ) async throws(ServerError) -> HandshakeReply

    /// Every catalog version replicas may sync at, and the server's (the newest published).
    func catalogVersions() async throws(ServerError) -> CatalogVersions

    /// Keeps `report` as the rows `replica` (of `site`) holds back from sync now, replacing its last
    /// report, for the status.
    ///
    /// - Throws: `ServerError.forbidden` when `replica` is not a replica of `site`.
    func recordHeldBack(_ report: HeldBackReport, replica: ReplicaID, site: AuthenticatedSite) async throws(ServerError)

    /// Retires `replica` (a computer that will never come back): the status lists it as retired and
    /// no longer behind, and if it ever shakes hands or pushes again it takes a new identity, as a
    /// restored copy does, losing nothing. Retiring it again changes nothing.
    ///
    /// - Throws: `ServerError.forbidden` unless `site` is the central office, `.unknownReplica`.
    func retire(replica: ReplicaID, by site: AuthenticatedSite) async throws(ServerError) -> RetireReceipt

    /// Authorizes every row of `changeSet`, then merges each into the stored state, giving every row
    /// whose state changes the next server sequence. Pushing the same change set again changes nothing.
    ///
    /// - Throws: `ServerError.forbidden` (nothing is written) when the origin is not a replica of
    ///   `site` or a row carries writes `site` may not push; `.replicaForked` when `cuts` (the origin's
    ///   unacknowledged writes) names a counter the server holds from it with another tag;
    ///   `.database` when SQLite fails.
    func push(_ changeSet: ChangeSet, cuts: [Cut], from site: AuthenticatedSite) async throws(ServerError) -> PushReceipt

    /// The next page of changes for `replica` after server sequence `since`: at most `limit` rows,
    /// each either one `site` may receive (except the ones `replica` pushed in exactly their stored
    /// state, and as the replica's schema version holds it) or one it must forget, in sequence
    /// order; records how far the replica has pulled. Rows the caller gets nothing about are skipped,
    /// not counted. The HTTP layer encodes the page (`StoredPullPage.encoded()`).
    ///
    /// - Throws: `ServerError.forbidden` when `replica` is not a replica of `site`.
    func pullPage(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite) async throws(ServerError)
        -> StoredPullPage

    /// A page of the ordered snapshot a new replica starts from (an initial sync): the rows of `table`
    /// that `site` may receive whose key is after `after` and whose last change is at or below server
    /// sequence `upTo` (0: the newest now), in key order, at most `limit`, each with its retained view,
    /// as the replica's schema version holds them. `through` is the snapshot's sequence (the newest
    /// when `upTo` was 0), from which ordinary pulls go on; `more` tells whether rows of the table
    /// may follow the page's last one.
    ///
    /// - Throws: `ServerError.forbidden` when `replica` is not a replica of `site`, `.badRequest`
    ///   (`unknown_table`) for a table the replica's version does not sync.
    func snapshotPage(
        replica: ReplicaID, table: String, after: String, upTo: UInt64, limit: Int, for site: AuthenticatedSite
    ) async throws(ServerError) -> StoredPullPage

    /// Sync progress of `site`'s replicas (every site's for the central office) and open conflicts.
    func status(for site: AuthenticatedSite) async throws(ServerError) -> StatusReport

    /// The open conflicts on rows `site` may see (every row for the central office), oldest first, at
    /// most `limit` of them, each with every side's value and the side shown until it is resolved.
    /// `status(for:)` counts all of them.
    func openConflicts(for site: AuthenticatedSite, limit: Int) async throws(ServerError) -> [ConflictReport]

    /// Row counts of every synced table, live and deleted, by owning site for site-class tables: the
    /// central office's totals (every site's rows are counted). Tables with no rows count zero.
    func tableTotals() async throws(ServerError) -> [TableTotals]

    /// Registers `site` if new and issues a new token for it; returns the token (only its hash is stored).
    ///
    /// - Throws: `.invalidSite` for a bad id, `.centralMismatch` when `central` is not exactly
    ///   "`site` is the catalog's central site".
    func issueToken(site: String, central: Bool) async throws(ServerError) -> String

    /// Every registered replica with its site, and the times the server received writes: of `dots`
    /// when given (those it has), else after position `since` (at most `limit`, oldest first). What a
    /// replica needs to name a conflict's sides by office and time. A `since` past the newest
    /// position starts again from the first.
    func replicaDirectory(since: UInt64, limit: Int, dots: [Dot]?, for site: AuthenticatedSite) async throws(ServerError)
        -> ReplicaDirectory

    /// The audit log after entry `since`, oldest first, at most `limit` entries (table names and counts
    /// only, never personal data). The caller checks that the reader is the central office.
    func auditEntries(since: Int64, limit: Int) async throws(ServerError) -> AuditPage
}

extension ChangeStore {
    /// `push` naming no unacknowledged writes of the origin.
    public func push(_ changeSet: ChangeSet, from site: AuthenticatedSite) async throws(ServerError) -> PushReceipt {
        try await push(changeSet, cuts: [], from: site)
    }

    /// `handshake` of a replica at the server's schema version.
    func handshake(
        replica: ReplicaID, counter: UInt64?, cuts: [Cut], forkedFrom: ReplicaID?, site: AuthenticatedSite
    ) async throws(ServerError) -> HandshakeReply {
        try await handshake(replica: replica, counter: counter, cuts: cuts, forkedFrom: forkedFrom, schemaVersion: nil, site: site)
    }
}
