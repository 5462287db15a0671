import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// The change set of every row whose state changed after local sequence `since` (0: everything),
    /// after cutting a version of any pending local write.
    ///
    /// - Parameter site: when given, site-class rows of other sites are left out (they must never
    ///   reach another site); the central office's rows of every site are included for `hq`.
    public func exportChangeSet(since: UInt64 = 0, for site: String? = nil) throws(ReplicaError) -> ChangeSet {
        try ReplicaError.wrap("exporting changes") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction()
                let through = try metaNumber(MetaKey.sequence)
                var rows: [RowVersion] = []
                let statement = try connection.prepare("SELECT tbl, rid, state FROM _fl_row WHERE seq > ?1 ORDER BY seq")
                    .bind([.integer(Int64(since))])
                while try statement.step() {
                    let table = statement.text(at: 0) ?? "", id = statement.text(at: 1) ?? ""
                    let row = try statement.withBytes(at: 2) { try RowStateCoding.decode($0, table: table, id: id) }
                    if let site, !catalog.site(site, mayReceive: row) { continue }
                    rows.append(row)
                }
                var changeSet = ChangeSet(
                    schemaVersion: catalog.schemaVersion, origin: replicaID, site: self.site,
                    since: since, through: through, rows: rows)
                let retained = try retainedViews(of: rows)
                if !retained.isEmpty { changeSet.retained = retained }
                return changeSet
            }
        }
    }
}
