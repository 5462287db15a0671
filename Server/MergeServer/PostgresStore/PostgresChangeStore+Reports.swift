import SyncCore
import SyncProtocol

extension PostgresChangeStore {
    public func status(for site: AuthenticatedSite) async throws(ServerError) -> StatusReport {
        try await inTransaction("reading the sync status", isolation: "REPEATABLE READ") { session in
            try await refreshCatalogs(in: session)
            let latest = try await latestSequence(in: session)
            var report = StatusReport(
                site: site.site, central: site.central, epoch: epoch, sites: [], latestSequence: latest,
                openConflicts: [:], schemaVersion: catalog.schemaVersion)
            for row in try await session.rows(
                "SELECT site_id, central FROM sites WHERE $1::bigint = 1 OR site_id = $2 ORDER BY site_id COLLATE \"C\"",
                [.integer(site.central ? 1 : 0), .text(site.site)])
            {
                let id = try row.text(0) ?? ""
                report.sites.append(
                    SiteStatus(site: id, central: try row.integer(1) == 1, replicas: try await replicas(of: id, latest: latest, in: session)))
            }
            for row in try await session.rows(
                """
                SELECT c.tbl, count(*) FROM conflicts c JOIN rows r ON r.tbl = c.tbl AND r.rid = c.rid
                WHERE \(Self.rowVisibleToSite) GROUP BY c.tbl ORDER BY c.tbl COLLATE "C"
                """,
                [.integer(site.central ? 1 : 0), .text(site.site)])
            {
                report.openConflicts[try row.text(0) ?? ""] = Int(try row.integer(1) ?? 0)
            }
            return report
        }
    }

    /// "Row `r` may be seen by the site `$2`, central when `$1` is 1" (`SQLiteChangeStore.rowVisibleToSite`).
    static let rowVisibleToSite = "($1::bigint = 1 OR r.privacy <> 'site' OR r.owner_site = $2)"

    private func replicas(of site: String, latest: UInt64, in session: PostgresSession) async throws -> [ReplicaProgress] {
        try await session.rows(
            """
            SELECT r.replica_id, r.first_seen, r.last_push_at, r.last_pull_at, r.pulled_through, f.forked_from, f.forked_at,
                h.total, h.rows, t.retired_at, coalesce(r.schema_version, 1)
            FROM replicas r LEFT JOIN replica_forks f ON f.replica_id = r.replica_id
                LEFT JOIN replica_held_back h ON h.replica_id = r.replica_id
                LEFT JOIN replica_retirements t ON t.replica_id = r.replica_id
            WHERE r.site_id = $1 ORDER BY r.replica_id COLLATE "C"
            """,
            [.text(site)]
        ).map { row in
            let pulled = UInt64(try row.integer(4) ?? 0)
            let heldBack = try row.integer(7)
            return ReplicaProgress(
                replica: try row.text(0) ?? "", firstSeen: try row.text(1) ?? "", lastPush: try row.text(2),
                lastPull: try row.text(3), pulledThrough: pulled, behind: latest > pulled ? latest - pulled : 0,
                forkedFrom: try row.text(5), forkedAt: try row.text(6),
                heldBack: try heldBack.map { HeldBackReport.stored(total: $0, rows: try row.text(8)) },
                retiredAt: try row.text(9), schemaVersion: try row.integer(10).map { Int($0) })
        }
    }

    public func openConflicts(for site: AuthenticatedSite, limit: Int) async throws(ServerError) -> [ConflictReport] {
        try await withSession("listing the open conflicts") { session in
            var states: [RowKey: RowVersion] = [:]
            return try await session.rows(
                """
                SELECT c.tbl, c.rid, c.col, c.opened_at, r.state FROM conflicts c
                JOIN rows r ON r.tbl = c.tbl AND r.rid = c.rid
                WHERE \(Self.rowVisibleToSite) ORDER BY c.opened_at COLLATE "C", c.tbl COLLATE "C", c.rid COLLATE "C", c.col COLLATE "C" LIMIT $3
                """,
                [.integer(site.central ? 1 : 0), .text(site.site), .integer(Int64(max(limit, 0)))]
            ).map { row in
                let key = RowKey(table: try row.text(0) ?? "", id: try row.text(1) ?? "")
                let state = try states[key] ?? decodeState(try row.bytes(4) ?? [], key: key)
                states[key] = state
                return ConflictReport(column: try row.text(2) ?? "", state: state, openedAt: try row.text(3) ?? "")
            }
        }
    }

    public func tableTotals() async throws(ServerError) -> [TableTotals] {
        let tables = catalog.syncedTables
        return try await withSession("counting the stored rows") { session in
            var totals = tables.map { TableTotals(table: $0.name, privacy: $0.privacy) }
            let index = Dictionary(uniqueKeysWithValues: totals.enumerated().map { ($1.table, $0) })
            // A row is live when `live` is non-empty and every sibling's value is 1 (RowVersion.isLive);
            // evaluated in SQL so counting never decodes the states.
            let counts = try await session.rows(
                """
                SELECT tbl, owner_site, count(*), sum(CASE WHEN json_array_length(state::json -> 'live') > 0
                    AND NOT EXISTS (SELECT 1 FROM json_array_elements(state::json -> 'live') AS s (sibling)
                        WHERE (s.sibling ->> 2) IS DISTINCT FROM '1') THEN 1 ELSE 0 END)::bigint
                FROM rows GROUP BY tbl, owner_site ORDER BY tbl, owner_site
                """)
            for row in counts {
                guard let position = try row.text(0).flatMap({ index[$0] }) else { continue }
                let all = Int(try row.integer(2) ?? 0)
                let live = Int(try row.integer(3) ?? 0)
                totals[position].live += live
                totals[position].deleted += all - live
                if totals[position].privacy == .site {
                    totals[position].bySite.append(.init(site: try row.text(1) ?? "(none)", live: live, deleted: all - live))
                }
            }
            return totals
        }
    }
}
