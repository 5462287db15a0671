import SQLiteDatabase
import SyncCore
import SyncProtocol
import Foundation

/// The audit table: who pushed and pulled what, as table names and counts only.
enum AuditSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, site_id TEXT NOT NULL, replica_id TEXT NOT NULL,
            action TEXT NOT NULL, tables TEXT NOT NULL, rows INTEGER NOT NULL, changed INTEGER NOT NULL,
            forgotten INTEGER NOT NULL, conflicts_opened INTEGER NOT NULL, conflicts_closed INTEGER NOT NULL
        );
        """
}

extension SQLiteChangeStore {
    /// Creates the audit table in stores made before it existed (idempotent).
    static func prepareAudit(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the audit log") { try connection.execute(AuditSchema.sql) }
    }

    /// Audits a push: the tables and counts of `changeSet`, and the conflicts `plan` opened and closed.
    func auditPush(
        _ changeSet: ChangeSet, plan: PushPlan, site: AuthenticatedSite, opened: Int, closed: Int, at time: String
    ) throws {
        try recordAudit(
            site: site, replica: changeSet.origin, action: closed > 0 ? "resolve" : "push",
            tables: Self.tableCounts(changeSet.rows), rows: changeSet.rows.count, changed: plan.writes.count,
            forgotten: 0, opened: opened, closed: closed, at: time)
    }

    /// Audits a pulled page.
    func auditPull(_ page: StoredPullPage, replica: ReplicaID, site: AuthenticatedSite) throws {
        try recordAudit(
            site: site, replica: replica, action: "pull", tables: page.rowsByTable, rows: page.rowCount,
            changed: 0, forgotten: page.forgetCount, opened: 0, closed: 0, at: timestamp())
    }

    /// The audit entries after `since`, oldest first, at most `limit` of them.
    public func auditEntries(since: Int64, limit: Int) throws(ServerError) -> AuditPage {
        try ServerError.wrap("reading the audit log") {
            let found = try connection.query(
                """
                SELECT id, at, site_id, replica_id, action, tables, rows, changed, forgotten, conflicts_opened,
                    conflicts_closed FROM audit WHERE id > ? ORDER BY id LIMIT ?
                """,
                [.integer(since), .integer(Int64(limit) + 1)])
            let decoder = JSONDecoder()
            let entries = try found.prefix(limit).map { columns in
                var entry = AuditEntry(
                    id: columns[0].integer ?? 0, at: columns[1].text ?? "", site: columns[2].text ?? "",
                    replica: columns[3].text ?? "", action: columns[4].text ?? "",
                    tables: try decoder.decode([String: Int].self, from: Data((columns[5].text ?? "{}").utf8)),
                    rows: Int(columns[6].integer ?? 0), changed: Int(columns[7].integer ?? 0),
                    forgotten: Int(columns[8].integer ?? 0), conflictsOpened: Int(columns[9].integer ?? 0),
                    conflictsClosed: Int(columns[10].integer ?? 0))
                entry.describeAction(forkedFrom: entry.action == "fork" ? try forkOrigin(of: entry.replica)?.from : nil)
                return entry
            }
            return AuditPage(entries: entries, through: entries.last?.id ?? since, more: found.count > limit)
        }
    }

    func recordAudit(
        site: AuthenticatedSite, replica: ReplicaID, action: String, tables: [String: Int], rows: Int, changed: Int,
        forgotten: Int, opened: Int, closed: Int, at time: String
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try connection.run(
            """
            INSERT INTO audit (at, site_id, replica_id, action, tables, rows, changed, forgotten, conflicts_opened,
                conflicts_closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(time), .text(site.site), .text(replica.rawValue), .text(action),
                .text(String(decoding: try encoder.encode(tables), as: UTF8.self)), .integer(Int64(rows)),
                .integer(Int64(changed)), .integer(Int64(forgotten)), .integer(Int64(opened)), .integer(Int64(closed)),
            ])
    }

    private static func tableCounts(_ rows: [RowVersion]) -> [String: Int] {
        rows.reduce(into: [:]) { counts, row in counts[row.table, default: 0] += 1 }
    }
}
