import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

/// A row whose local write the sync cannot carry as it stands: it waits here, unsynced, while every
/// other write and every pull goes on, and leaves by itself once the row is corrected.
public struct QuarantinedRow: Sendable, Equatable, Codable {
    /// The row's table.
    public let table: String
    /// The row's id.
    public let id: String
    /// The column at fault (`id` for the key).
    public let column: String
    /// Why the write cannot be synced.
    public let reason: String
    /// When the row was first held back (ISO-8601 UTC).
    public let since: String

    /// The row and its problem in one line, with what to do.
    public var description: String {
        "\(table) \(id): \(column) \(reason); correct the row (in the office app or with SQL) and it syncs by itself"
    }
}

extension Replica {
    /// The rows held back from sync, oldest first.
    public func quarantinedRows() throws(ReplicaError) -> [QuarantinedRow] {
        try ReplicaError.wrap("reading the rows held back from sync") {
            try connection.query("SELECT tbl, rid, col, reason, since FROM _fl_quarantine ORDER BY since, tbl, rid").map {
                QuarantinedRow(
                    table: $0[0].text ?? "", id: $0[1].text ?? "", column: $0[2].text ?? "", reason: $0[3].text ?? "",
                    since: $0[4].text ?? "")
            }
        }
    }

    /// The rows held back now, for the cut and the apply of this transaction.
    func loadQuarantine() throws -> [RowKey: Int64] {
        var held: [RowKey: Int64] = [:]
        for row in try connection.query("SELECT tbl, rid, mask FROM _fl_quarantine") {
            held[RowKey(table: row[0].text ?? "", id: row[1].text ?? "")] = row[2].integer ?? -1
        }
        return held
    }

    /// Holds a row back with `problem`, remembering the columns its pending writes changed (`mask`,
    /// -1 for all) so that the cut that releases it versions them all.
    func hold(_ key: RowKey, problem: WriteProblem, mask: Int64) throws {
        try connection.run(
            "INSERT INTO _fl_quarantine (tbl, rid, col, reason, mask, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET col = excluded.col, reason = excluded.reason, "
                + "mask = CASE WHEN mask = -1 OR excluded.mask = -1 THEN -1 ELSE mask | excluded.mask END",
            [.text(key.table), .text(key.id), .text(problem.column), .text(problem.reason), .integer(mask),
             .text(ISO8601DateFormatter().string(from: Date()))])
    }

    /// Lets a corrected row go: the cut versions it as any other.
    func release(_ key: RowKey) throws {
        try connection.run("DELETE FROM _fl_quarantine WHERE tbl = ?1 AND rid = ?2", [.text(key.table), .text(key.id)])
    }

}
