import SyncCore
import SyncProtocol
import SyncWire

extension PostgresChangeStore {
    /// Reads the page in one `REPEATABLE READ` snapshot: pushes commit in sequence order (the push
    /// lock), so every row up to the newest sequence the snapshot holds is in it, and a page that
    /// reaches that sequence passes no row still being written. The replica's progress and the audit
    /// entry are written after, in their own transaction.
    public func pullPage(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite)
        async throws(ServerError) -> StoredPullPage
    {
        let limit = max(limit, 1)
        let page = try await inTransaction("reading changes for replica \(replica)", isolation: "REPEATABLE READ") { session in
            try await requireReplica(replica, of: site, in: session)
            try await refreshCatalogs(in: session)
            let catalog = self.catalog
            // A replica on an older schema version is sent rows as that version holds them.
            let version = try await schemaVersion(of: replica, in: session)
            let projection = version < catalog.schemaVersion ? versions.byVersion[version] : nil
            let projected = projection?.tablesToProject(from: catalog) ?? []
            let latest = try await latestSequence(in: session)
            let found = try await session.rows(
                site.central ? Self.centralPullSQL : Self.sitePullSQL,
                site.central
                    ? [.integer(Int64(clamping: since)), .text(replica.rawValue), .integer(Int64(limit))]
                    : [.integer(Int64(clamping: since)), .text(site.site), .text(replica.rawValue), .integer(Int64(limit))])
            // The rows contested now (usually none): a sent one goes with its retained view.
            let contested = Set(try await session.rows("SELECT tbl, rid FROM retained").map { row in
                RowKey(table: try row.text(0) ?? "", id: try row.text(1) ?? "")
            })
            var entries: [StoredPullPage.Entry] = []
            entries.reserveCapacity(found.count)
            var rowsByTable: [String: Int] = [:]
            for row in found {
                let key = RowKey(table: try row.text(1) ?? "", id: try row.text(2) ?? "")
                guard try row.integer(3) == 1, let state = try row.bytes(4) else {
                    entries.append(.forget(key))
                    continue
                }
                if let projection, projected.contains(key.table) {
                    // A table the replica's version lacks is not sent; it arrives once the replica upgrades.
                    guard let made = projection.projected(try decodeState(state, key: key)) else { continue }
                    entries.append(.row(.made(made)))
                } else {
                    entries.append(.row(.stored(state)))
                }
                rowsByTable[key.table, default: 0] += 1
                if contested.contains(key) {
                    try await appendRetained(
                        of: key, projection: projected.contains(key.table) ? projection : nil, to: &entries, in: session)
                }
            }
            // A short page saw every row up to the newest sequence; a full one stops at its last row.
            let lastSequence = try found.last?.integer(0).map { UInt64($0) } ?? since
            let through = found.count == limit ? lastSequence : max(since, latest)
            return StoredPullPage(
                entries: entries, epoch: epoch, through: through, latestSequence: latest, rowsByTable: rowsByTable)
        }
        try await recordPull(page, replica: replica, site: site, progress: true)
        return page
    }

    /// Records `page` as sent to `replica`: when, the audit entry, and how far it reaches when
    /// `progress` (a pull page; a snapshot page is not progress by sequence).
    private func recordPull(_ page: StoredPullPage, replica: ReplicaID, site: AuthenticatedSite, progress: Bool) async throws(ServerError) {
        try await inTransaction("recording the pull of replica \(replica)") { session in
            // As on SQLite, a page that sent no row disclosed nothing: its commit does not wait for the
            // disk (a crash may lose the entry, never data; the next durable commit covers it).
            if page.rowCount == 0 { try await session.rows("SET LOCAL synchronous_commit = off") }
            try await session.rows(
                "UPDATE replicas SET last_pull_at = $1, pulled_through = greatest(pulled_through, $2) WHERE replica_id = $3",
                [.text(timestamp()), .integer(progress ? Int64(clamping: page.through) : 0), .text(replica.rawValue)])
            try await recordAudit(
                site: site, replica: replica, action: "pull", tables: page.rowsByTable, rows: page.rowCount, changed: 0,
                forgotten: page.forgetCount, opened: 0, closed: 0, at: timestamp(), in: session)
        }
        metrics?.countPull()
    }

    public func snapshotPage(
        replica: ReplicaID, table: String, after: String, upTo: UInt64, limit: Int, for site: AuthenticatedSite
    ) async throws(ServerError) -> StoredPullPage {
        let limit = max(limit, 1)
        let page = try await inTransaction(
            "reading the snapshot of \(table) for replica \(replica)", isolation: "REPEATABLE READ"
        ) { session in
            try await requireReplica(replica, of: site, in: session)
            try await refreshCatalogs(in: session)
            let catalog = self.catalog
            let version = try await schemaVersion(of: replica, in: session)
            let projection = version < catalog.schemaVersion ? versions.byVersion[version] : nil
            try (projection ?? catalog).requireSnapshotTable(table)
            let projects = projection?.tablesToProject(from: catalog).contains(table) == true
            let latest = try await latestSequence(in: session)
            let through = upTo == 0 ? latest : min(upTo, latest)
            let found = try await session.rows(
                Self.snapshotSQL,
                [.text(table), .text(after), .integer(Int64(clamping: through)), .integer(site.central ? 1 : 0),
                 .text(site.site), .integer(Int64(limit)), .text(replica.rawValue)])
            let contested = Set(try await session.rows("SELECT tbl, rid FROM retained WHERE tbl = $1", [.text(table)]).map { row in
                RowKey(table: table, id: try row.text(1) ?? "")
            })
            var entries: [StoredPullPage.Entry] = []
            entries.reserveCapacity(found.count)
            var scanEnd: String?
            for row in found {
                let key = RowKey(table: table, id: try row.text(0) ?? "")
                scanEnd = key.id
                let state = try row.bytes(1) ?? []
                if let projection, projects {
                    guard let made = projection.projected(try decodeState(state, key: key)) else { continue }
                    entries.append(.row(.made(made)))
                } else {
                    entries.append(.row(.stored(state)))
                }
                if contested.contains(key) {
                    try await appendRetained(of: key, projection: projects ? projection : nil, to: &entries, in: session)
                }
            }
            return StoredPullPage(
                entries: entries, epoch: epoch, through: through, latestSequence: latest,
                rowsByTable: found.isEmpty ? [:] : [table: found.count], more: found.count == limit, scanEnd: scanEnd)
        }
        try await recordPull(page, replica: replica, site: site, progress: false)
        return page
    }

    /// Appends the retained view of the contested row `key` to `entries`, as `projection` (a replica's
    /// older schema version) holds it when given.
    private func appendRetained(
        of key: RowKey, projection: Catalog?, to entries: inout [StoredPullPage.Entry], in session: PostgresSession
    ) async throws {
        guard let view = try await loadRetained(key, in: session) else { return }
        guard let projection else { return entries.append(.retained(.made(view))) }
        if let made = projection.projected(view) { entries.append(.retained(.made(made))) }
    }

    /// The rows of table `$1` after key `$2` last changed at or below `$3` that the site `$5` (central
    /// when `$4` is 1) receives, in key order (the primary key's), at most `$6`, except those replica
    /// `$7` pushed in exactly their stored state (as a pull: it holds them).
    static let snapshotSQL = """
        SELECT rid, state FROM rows
        WHERE tbl = $1 AND rid > $2 AND seq <= $3 AND ($4::bigint = 1 OR privacy <> 'site' OR owner_site = $5)
            AND last_writer IS DISTINCT FROM $7
        ORDER BY rid LIMIT $6
        """

    /// The central office's page: every row after `$1` except those replica `$2` pushed in exactly
    /// their stored state, at most `$3`, by sequence.
    static let centralPullSQL = """
        SELECT seq, tbl, rid, 1::bigint AS sends, state FROM rows
        WHERE seq > $1 AND last_writer IS DISTINCT FROM $2 ORDER BY seq LIMIT $3
        """

    /// A site's page, as `SQLiteChangeStore.sitePullSQL`: the first `$4` of three disjoint kinds, each
    /// walked in its own index from `$1`: shared rows, the site `$2`'s own site-class rows (both except
    /// those replica `$3` pushed in exactly their stored state), and site-class rows of another site it
    /// formerly owned (`sends` = 0: forget them; no state read). Other sites' rows are never walked.
    static let sitePullSQL = """
        SELECT seq, tbl, rid, sends, state FROM (
            (SELECT seq, tbl, rid, 1::bigint AS sends, state FROM rows
             WHERE privacy <> 'site' AND seq > $1 AND last_writer IS DISTINCT FROM $3 ORDER BY seq LIMIT $4)
            UNION ALL
            (SELECT seq, tbl, rid, 1::bigint, state FROM rows
             WHERE privacy = 'site' AND owner_site = $2 AND seq > $1 AND last_writer IS DISTINCT FROM $3 ORDER BY seq LIMIT $4)
            UNION ALL
            (SELECT seq, tbl, rid, 0::bigint, NULL FROM rows
             WHERE former_owners IS NOT NULL AND seq > $1 AND privacy = 'site' AND owner_site IS DISTINCT FROM $2
                 AND position(',' || $2::text || ',' IN ',' || former_owners || ',') > 0
             ORDER BY seq LIMIT $4)
        ) AS page ORDER BY seq LIMIT $4
        """
}
