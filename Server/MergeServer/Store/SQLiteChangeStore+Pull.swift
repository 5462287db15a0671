import SQLiteDatabase
import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func pull(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite) throws(ServerError)
        -> PullPage
    {
        try ServerError.wrap("reading changes for replica \(replica)") {
            try requireReplica(replica, of: site)
            let scanned = try connection.query(
                "SELECT seq, tbl, rid, state, former_owners, last_writer FROM rows WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(Int64(clamping: since)), .integer(Int64(max(limit, 0)))])
            var page = PullPage(
                epoch: epoch, rows: [], forget: [], through: since, more: false, latestSequence: try latestSequence())
            for columns in scanned {
                let key = RowKey(table: columns[1].text ?? "", id: columns[2].text ?? "")
                page.through = UInt64(columns[0].integer ?? 0)
                let row = try decodeState(columns[3].text ?? "", key: key)
                if site.mayReceive(row, catalog: catalog) {
                    if columns[5].text != replica.rawValue { page.rows.append(row) }
                } else if Self.owners(columns[4].text).contains(site.site) {
                    page.forget.append(key)
                }
            }
            page.more = page.through < page.latestSequence
            try connection.run(
                "UPDATE replicas SET last_pull_at = ?, pulled_through = ? WHERE replica_id = ?",
                [.text(timestamp()), .integer(Int64(clamping: page.through)), .text(replica.rawValue)])
            return page
        }
    }
}
