import Foundation
import SQLiteDatabase

/// Upgrades of a store made by an older build, run when the store is opened.
enum StoreMigration {
    /// Rebuilds a version 1 `rows` table (clustered by `(tbl, rid)`, WITHOUT ROWID) as the rowid
    /// table of version 2, in one transaction: a crash leaves the old table whole, and the next open
    /// runs it again. Rows are copied in sequence order, so a pull reads states in file order.
    /// Returns whether it rebuilt anything.
    @discardableResult
    static func upgradeRowsTable(in connection: Connection) throws -> Bool {
        let definition = try connection.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'rows'")
            .first?[0].text
        guard let definition, definition.uppercased().contains("WITHOUT ROWID") else { return false }
        // Once per store, seconds for a million rows (200K: 1.8 s here): say so, on standard error.
        let started = Date()
        let count = try connection.query("SELECT count(*) FROM rows").first?[0].integer ?? 0
        FileHandle.standardError.write(Data(
            "farelegami-server: upgrading \(connection.path) to store layout \(StoreSchema.version) (\(count) rows)...\n".utf8))
        try connection.transaction {
            try connection.execute(
                """
                DROP TABLE IF EXISTS rows_v2;
                \(StoreSchema.rowsTable(named: "rows_v2"))
                INSERT INTO rows_v2 (tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer)
                    SELECT tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer FROM rows ORDER BY seq;
                DROP TABLE rows;
                ALTER TABLE rows_v2 RENAME TO rows;
                """)
            try connection.execute(StoreSchema.indexes)
            try connection.run(
                "UPDATE meta SET value = ?1 WHERE key = ?2",
                [.text(String(StoreSchema.version)), .text(StoreMeta.storeVersion)])
        }
        FileHandle.standardError.write(Data(
            "farelegami-server: store upgraded in \(String(format: "%.1f", Date().timeIntervalSince(started))) s\n".utf8))
        return true
    }
}
