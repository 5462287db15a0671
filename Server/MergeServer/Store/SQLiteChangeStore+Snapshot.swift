import SQLiteDatabase
import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func snapshotPage(
        replica: ReplicaID, table: String, after: String, upTo: UInt64, limit: Int, for site: AuthenticatedSite
    ) throws(ServerError) -> StoredPullPage {
        try ServerError.wrap("reading the snapshot of \(table) for replica \(replica)") {
            try requireReplica(replica, of: site)
            try refreshCatalogs()
            let version = try schemaVersion(of: replica)
            let projection = version < catalog.schemaVersion ? catalogs[version] : nil
            try (projection ?? catalog).requireSnapshotTable(table)
            let projects = projection?.tablesToProject(from: catalog).contains(table) == true
            let latest = try latestSequence()
            let through = upTo == 0 ? latest : min(upTo, latest)
            let limit = max(limit, 1)
            // The key index (tbl, rid) walks the table in key order; rows changed after the snapshot's
            // sequence come with the pulls after it, other sites' site-class rows are never sent.
            let statement = try connection.prepare(Self.snapshotSQL).bind([
                .text(table), .text(after), .integer(Int64(clamping: through)), .integer(site.central ? 1 : 0),
                .text(site.site), .integer(Int64(limit)), .text(replica.rawValue),
            ])
            defer { _ = try? statement.bind([]) }
            let contested = try retainedKeys()
            var entries: [StoredPullPage.Entry] = []
            var returned = 0
            var scanEnd: String?
            while try statement.step() {
                returned += 1
                scanEnd = statement.text(at: 0)
                if let projection, projects {
                    let key = RowKey(table: table, id: statement.text(at: 0) ?? "")
                    let row = try statement.withBytes(at: 1) { bytes throws in try decodeState(bytes, key: key) }
                    guard let made = projection.projected(row) else { continue }
                    entries.append(.row(.made(made)))
                } else {
                    entries.append(.row(.stored(statement.withBytes(at: 1) { Array($0) })))
                }
                if !contested.isEmpty {
                    try appendRetained(
                        table: table, id: statement.text(at: 0), of: contested, projection: projects ? projection : nil,
                        to: &entries)
                }
            }
            let page = StoredPullPage(
                entries: entries, epoch: epoch, through: through, latestSequence: latest,
                rowsByTable: returned == 0 ? [:] : [table: returned], more: returned == limit, scanEnd: scanEnd)
            try committing(durably: page.rowCount > 0) {
                try connection.run(
                    "UPDATE replicas SET last_pull_at = ? WHERE replica_id = ?", [.text(timestamp()), .text(replica.rawValue)])
                try auditPull(page, replica: replica, site: site)
            }
            metrics?.countPull()
            return page
        }
    }

    /// The rows of table `?1` after key `?2` last changed at or below `?3` that the site `?5` (central
    /// when `?4` is 1) receives, in key order, at most `?6`, except those replica `?7` pushed in exactly
    /// their stored state (as a pull: it holds them).
    static let snapshotSQL = """
        SELECT rid, state FROM rows
        WHERE tbl = ?1 AND rid > ?2 AND seq <= ?3 AND (?4 OR privacy <> 'site' OR owner_site IS ?5)
            AND last_writer IS NOT ?7
        ORDER BY rid LIMIT ?6
        """
}

extension Catalog {
    /// Fails unless `table` is one a replica of this catalog syncs (a snapshot is asked per table).
    func requireSnapshotTable(_ table: String) throws(ServerError) {
        guard self.table(named: table)?.isSynced == true else {
            throw .badRequest(
                code: "unknown_table",
                message: "no synced table '\(table.prefix(80))' in schema version \(schemaVersion): ask for one of "
                    + syncedTables.map(\.name).joined(separator: ", "))
        }
    }
}
