import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

extension SQLiteChangeStore {
    public func pullPage(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite)
        throws(ServerError) -> StoredPullPage
    {
        try ServerError.wrap("reading changes for replica \(replica)") {
            try requireReplica(replica, of: site)
            try refreshCatalogs()
            // A replica on an older schema version is sent rows as that version holds them.
            let version = try schemaVersion(of: replica)
            let projection = version < catalog.schemaVersion ? catalogs[version] : nil
            // Only rows of tables that version lacks or holds with fewer columns are decoded to project them.
            let projected = projection?.tablesToProject(from: catalog) ?? []
            let latest = try latestSequence()
            let limit = max(limit, 1)
            // SQLite picks, by the plain columns and the pull indexes, the rows this caller gets (and those
            // it must forget); a row meant for nobody here is never read, and no state is decoded: the
            // stored JSON goes on the page as it is.
            let statement = try connection.prepare(site.central ? Self.pullSQL : Self.sitePullSQL).bind([
                .integer(Int64(clamping: since)), .integer(site.central ? 1 : 0), .text(site.site),
                .text(replica.rawValue), .integer(Int64(limit)),
            ])
            defer { _ = try? statement.bind([]) }
            var entries: [StoredPullPage.Entry] = []
            entries.reserveCapacity(min(limit, 5_000))
            var rowsByTable: [String: Int] = [:]
            var returned = 0
            var lastSequence = since
            let state = try connection.prepare("SELECT state FROM rows WHERE rowid = ?1")
            defer { _ = try? state.bind([]) }
            // The rows contested now (usually none): a sent one goes with its retained view.
            let contested = try retainedKeys()
            while try statement.step() {
                returned += 1
                lastSequence = UInt64(statement.int64(at: 0))
                let table = statement.text(at: 1) ?? ""
                if statement.int64(at: 3) == 1 {
                    // The state is read only for a row that is sent (the scan reads the index alone).
                    try state.bind([.integer(statement.int64(at: 4))])
                    guard try state.step() else { continue }
                    if let projection, projected.contains(table) {
                        let key = RowKey(table: table, id: statement.text(at: 2) ?? "")
                        let row = try state.withBytes(at: 0) { bytes throws in try decodeState(bytes, key: key) }
                        // A table the replica's version lacks is not sent; it arrives once the replica upgrades.
                        guard let projected = projection.projected(row) else { continue }
                        entries.append(.row(.made(projected)))
                    } else {
                        entries.append(.row(.stored(state.withBytes(at: 0) { Array($0) })))
                    }
                    rowsByTable[table, default: 0] += 1
                    if !contested.isEmpty {
                        try appendRetained(
                            table: table, id: statement.text(at: 2), of: contested,
                            projection: projected.contains(table) ? projection : nil, to: &entries)
                    }
                } else {
                    entries.append(.forget(RowKey(table: table, id: statement.text(at: 2) ?? "")))
                }
            }
            // A short page saw every row up to the newest sequence; a full one stops at its last row.
            let through = returned == limit ? lastSequence : max(since, latest)
            let page = StoredPullPage(
                entries: entries, epoch: epoch, through: through, latestSequence: latest, rowsByTable: rowsByTable)
            // Progress and audit entry in one commit. A page that sent no row disclosed nothing, so
            // its commit does not wait for the disk (a power cut may lose that entry, never data); the
            // next commit that does wait makes it durable too.
            try committing(durably: page.rowCount > 0) {
                try connection.run(
                    "UPDATE replicas SET last_pull_at = ?, pulled_through = ? WHERE replica_id = ?",
                    [.text(timestamp()), .integer(Int64(clamping: through)), .text(replica.rawValue)])
                try auditPull(page, replica: replica, site: site)
            }
            metrics?.countPull()
            return page
        }
    }

    /// The rows after `?1` that the site `?3` (central when `?2` is 1) receives — shared rows, its own
    /// site-class rows, every row for the central office — except those replica `?4` pushed in exactly
    /// their stored state, and the site-class rows that moved away from it (`sends` = 0: forget them);
    /// at most `?5`, in sequence order. Mirrors `Catalog.site(_:mayReceive:)`. Every column it reads is
    /// in `rows_for_pull` (as every index of a rowid table, it holds the rowid the state is then read
    /// by), so the rows skipped are never read from the table. The central office's pulls run it; a
    /// site's run `sitePullSQL`, which picks the same rows without walking other sites' (tested
    /// against this one).
    static let pullSQL = """
        SELECT seq, tbl, rid, (?2 OR privacy <> 'site' OR owner_site IS ?3) AS sends, rowid
        FROM rows INDEXED BY rows_for_pull
        WHERE seq > ?1 AND (
            ((?2 OR privacy <> 'site' OR owner_site IS ?3) AND last_writer IS NOT ?4)
            OR (NOT (?2 OR privacy <> 'site' OR owner_site IS ?3) AND former_owners IS NOT NULL
                AND instr(',' || former_owners || ',', ',' || ?3 || ',') > 0))
        ORDER BY seq LIMIT ?5
        """

    /// `pullSQL` for a site (`?2` = 0), the same rows in the same order, as the first `?5` of three
    /// disjoint kinds, each walked in its own index from `?1` and cut at `?5` rows: shared rows, the
    /// site's own site-class rows, and site-class rows of another site that it formerly owned (to
    /// forget). Other sites' site-class rows are never walked.
    static let sitePullSQL = """
        SELECT seq, tbl, rid, sends, id FROM (
            SELECT * FROM (
                SELECT seq, tbl, rid, 1 AS sends, rowid AS id FROM rows INDEXED BY rows_shared_pull
                WHERE privacy <> 'site' AND seq > ?1 AND last_writer IS NOT ?4 ORDER BY seq LIMIT ?5)
            UNION ALL
            SELECT * FROM (
                SELECT seq, tbl, rid, 1 AS sends, rowid AS id FROM rows INDEXED BY rows_site_pull
                WHERE privacy = 'site' AND owner_site = ?3 AND seq > ?1 AND last_writer IS NOT ?4
                ORDER BY seq LIMIT ?5)
            UNION ALL
            SELECT * FROM (
                SELECT seq, tbl, rid, 0 AS sends, rowid AS id FROM rows INDEXED BY rows_moved_pull
                WHERE former_owners IS NOT NULL AND seq > ?1 AND privacy = 'site' AND owner_site IS NOT ?3
                    AND instr(',' || former_owners || ',', ',' || ?3 || ',') > 0
                ORDER BY seq LIMIT ?5)
        ) ORDER BY seq LIMIT ?5
        """
}

extension SQLiteChangeStore {
    /// Appends the retained view of the sent row `table`/`id` to the page when the row has one (it
    /// is among `contested`): the same privacy as the row, which the page carries.
    func appendRetained(
        table: String, id: String?, of contested: Set<RowKey>, projection: Catalog?, to entries: inout [StoredPullPage.Entry]
    ) throws {
        guard let id, contested.contains(RowKey(table: table, id: id)) else { return }
        let statement = try connection.prepare("SELECT state FROM retained WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(table), .text(id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return }
        if let projection {
            let key = RowKey(table: table, id: id)
            let view = try statement.withBytes(at: 0) { bytes throws in try decodeState(bytes, key: key) }
            if let projected = projection.projected(view) { entries.append(.retained(.made(projected))) }
        } else {
            entries.append(.retained(.stored(statement.withBytes(at: 0) { Array($0) })))
        }
    }

    /// Runs `body` in a transaction whose commit waits for the disk (the store's `synchronous =
    /// FULL`) when `durably`, and otherwise only hands it to the OS (`NORMAL`: it survives the
    /// process being killed, and a power cut keeps the WAL a prefix of what was committed).
    func committing(durably: Bool, _ body: () throws -> Void) throws {
        guard !durably else { return try connection.transaction(body) }
        try connection.execute("PRAGMA synchronous = NORMAL")
        defer { try? connection.execute("PRAGMA synchronous = FULL") }
        try connection.transaction(body)
    }

    /// A stored state read straight from SQLite's bytes.
    func decodeState(_ bytes: UnsafeRawBufferPointer, key: RowKey) throws -> RowVersion {
        do {
            return try RowVersionJSON.decode(bytes)
        } catch {
            throw ServerError.corruptState(table: key.table, id: key.id, detail: JSONErrorSummary.describe(error))
        }
    }
}
