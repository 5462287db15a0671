import SyncCore
import SQLiteDatabase

extension SQLiteChangeStore {
    public func status(for site: AuthenticatedSite) throws(ServerError) -> StatusReport {
        try refreshCatalogs()
        return try ServerError.wrap("reading the sync status") {
            let latest = try latestSequence()
            let sites = try connection.query(
                "SELECT site_id, central FROM sites WHERE ?1 OR site_id = ?2 ORDER BY site_id",
                [.integer(site.central ? 1 : 0), .text(site.site)])
            var report = StatusReport(
                site: site.site, central: site.central, epoch: epoch, sites: [], latestSequence: latest,
                openConflicts: [:], schemaVersion: catalog.schemaVersion)
            for columns in sites {
                let id = columns[0].text ?? ""
                report.sites.append(
                    SiteStatus(site: id, central: columns[1].integer == 1, replicas: try replicas(of: id, latest: latest)))
            }
            let counts = try connection.query(
                """
                SELECT c.tbl, COUNT(*) FROM conflicts c JOIN rows r ON r.tbl = c.tbl AND r.rid = c.rid
                WHERE \(Self.rowVisibleToSite) GROUP BY c.tbl ORDER BY c.tbl
                """,
                [.integer(site.central ? 1 : 0), .text(site.site)])
            for columns in counts {
                report.openConflicts[columns[0].text ?? ""] = Int(columns[1].integer ?? 0)
            }
            return report
        }
    }

    /// The SQL condition "row `r` may be seen by the site `?2`, central when `?1` is 1": shared rows by
    /// everyone, site-class rows by their own site and the central office (`Catalog.site(_:mayReceive:)`).
    static let rowVisibleToSite = "(?1 OR r.privacy <> 'site' OR r.owner_site = ?2)"

    private func replicas(of site: String, latest: UInt64) throws -> [ReplicaProgress] {
        try connection.query(
            """
            SELECT r.replica_id, r.first_seen, r.last_push_at, r.last_pull_at, r.pulled_through, f.forked_from, f.forked_at,
                h.total, h.rows, t.retired_at, coalesce(r.schema_version, 1)
            FROM replicas r LEFT JOIN replica_forks f ON f.replica_id = r.replica_id
                LEFT JOIN replica_held_back h ON h.replica_id = r.replica_id
                LEFT JOIN replica_retirements t ON t.replica_id = r.replica_id
            WHERE r.site_id = ? ORDER BY r.replica_id
            """,
            [.text(site)]
        ).map { columns in
            let pulled = UInt64(columns[4].integer ?? 0)
            return ReplicaProgress(
                replica: columns[0].text ?? "", firstSeen: columns[1].text ?? "", lastPush: columns[2].text,
                lastPull: columns[3].text, pulledThrough: pulled, behind: latest > pulled ? latest - pulled : 0,
                forkedFrom: columns[5].text, forkedAt: columns[6].text,
                heldBack: columns[7].integer.map { HeldBackReport.stored(total: $0, rows: columns[8].text) },
                retiredAt: columns[9].text, schemaVersion: columns[10].integer.map { Int($0) })
        }
    }
}
