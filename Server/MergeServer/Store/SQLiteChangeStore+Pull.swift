import SQLiteDatabase
import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func pull(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite) throws(ServerError)
        -> PullPage
    {
        try ServerError.wrap("reading changes for replica \(replica)") {
            try requireReplica(replica, of: site)
            // Stepped, not loaded, and decided from the plain columns (owner_site is the state's
            // owningSite): the state of a row the caller does not get is never read nor decoded.
            let statement = try connection.prepare(
                "SELECT seq, tbl, rid, state, former_owners, last_writer, owner_site FROM rows WHERE seq > ?1 "
                    + "ORDER BY seq LIMIT ?2"
            ).bind([.integer(Int64(clamping: since)), .integer(Int64(max(limit, 0)))])
            defer { try? statement.bind([]) }
            var page = PullPage(
                epoch: epoch, rows: [], forget: [], through: since, more: false, latestSequence: try latestSequence())
            while try statement.step() {
                page.through = UInt64(statement.int64(at: 0))
                let table = statement.text(at: 1) ?? ""
                let privacy = catalog.table(named: table)?.privacy
                if site.central || privacy == .shared || (privacy == .site && statement.text(at: 6) == site.site) {
                    guard statement.text(at: 5) != replica.rawValue else { continue }
                    let key = RowKey(table: table, id: statement.text(at: 2) ?? "")
                    page.rows.append(try statement.withBytes(at: 3) { try decodeState($0, key: key) })
                } else if Self.owners(statement.text(at: 4)).contains(site.site) {
                    page.forget.append(RowKey(table: table, id: statement.text(at: 2) ?? ""))
                }
            }
            page.more = page.through < page.latestSequence
            try connection.run(
                "UPDATE replicas SET last_pull_at = ?, pulled_through = ? WHERE replica_id = ?",
                [.text(timestamp()), .integer(Int64(clamping: page.through)), .text(replica.rawValue)])
            try auditPull(page, replica: replica, site: site)
            metrics?.countPull()
            return page
        }
    }
}

extension SQLiteChangeStore {
    /// A stored state read straight from SQLite's bytes.
    func decodeState(_ bytes: UnsafeRawBufferPointer, key: RowKey) throws -> RowVersion {
        do {
            return try RowVersionJSON.decode(bytes)
        } catch {
            throw ServerError.corruptState(table: key.table, id: key.id, detail: JSONErrorSummary.describe(error))
        }
    }
}
