import SQLiteDatabase
import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func openConflicts(for site: AuthenticatedSite, limit: Int) throws(ServerError) -> [ConflictReport] {
        try ServerError.wrap("listing the open conflicts") {
            let listed = try connection.query(
                """
                SELECT c.tbl, c.rid, c.col, c.opened_at, r.state FROM conflicts c
                JOIN rows r ON r.tbl = c.tbl AND r.rid = c.rid
                WHERE \(Self.rowVisibleToSite) ORDER BY c.opened_at, c.tbl, c.rid, c.col LIMIT ?3
                """,
                [.integer(site.central ? 1 : 0), .text(site.site), .integer(Int64(max(limit, 0)))])
            var states: [RowKey: RowVersion] = [:]
            return try listed.map { columns in
                let key = RowKey(table: columns[0].text ?? "", id: columns[1].text ?? "")
                let state = try states[key] ?? decodeState(columns[4].text ?? "", key: key)
                states[key] = state
                return ConflictReport(column: columns[2].text ?? "", state: state, openedAt: columns[3].text ?? "")
            }
        }
    }

    public func tableTotals() throws(ServerError) -> [TableTotals] {
        try ServerError.wrap("counting the stored rows") {
            var totals = catalog.syncedTables.map { TableTotals(table: $0.name, privacy: $0.privacy) }
            let index = Dictionary(uniqueKeysWithValues: totals.enumerated().map { ($1.table, $0) })
            // A row is live when `live` is non-empty and every sibling's value is 1 (RowVersion.isLive);
            // evaluated in SQL so counting never decodes the states.
            let counts = try connection.query(
                """
                SELECT tbl, owner_site, COUNT(*),
                    SUM(json_array_length(state, '$.live') > 0 AND NOT EXISTS (
                        SELECT 1 FROM json_each(state, '$.live') WHERE json_extract(value, '$[2]') IS NOT 1))
                FROM rows GROUP BY tbl, owner_site ORDER BY tbl, owner_site
                """)
            for columns in counts {
                guard let position = columns[0].text.flatMap({ index[$0] }) else { continue }
                let all = Int(columns[2].integer ?? 0)
                let live = Int(columns[3].integer ?? 0)
                totals[position].live += live
                totals[position].deleted += all - live
                if totals[position].privacy == .site {
                    totals[position].bySite.append(
                        .init(site: columns[1].text ?? "(none)", live: live, deleted: all - live))
                }
            }
            return totals
        }
    }
}
