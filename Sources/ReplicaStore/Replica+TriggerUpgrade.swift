import SQLiteDatabase
import SyncCore

extension Replica {
    /// Replaces capture triggers of an older form with today's, in one transaction; does nothing
    /// when the replica has today's. Both forms capture the same writes: the older ones also looked
    /// up `_fl_capture` at every write, which the engine no longer needs (it turns triggers off on
    /// its own connection), so offices' writes get cheaper.
    ///
    /// - Returns: whether the triggers were replaced.
    @discardableResult
    static func upgradeCaptureTriggers(_ connection: Connection, catalog: Catalog) throws -> Bool {
        guard try hasOlderCaptureTriggers(connection) else { return false }
        return try connection.transaction {
            // Another process may have upgraded the file since the look above.
            guard try hasOlderCaptureTriggers(connection) else { return false }
            let names = try connection.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fl\\_%' ESCAPE '\\'")
            for name in names.compactMap({ $0[0].text }) {
                try connection.execute("DROP TRIGGER \"\(name)\"")
            }
            try connection.execute(ReplicaSchema.captureTriggerSQL(for: catalog))
            return true
        }
    }

    private static func hasOlderCaptureTriggers(_ connection: Connection) throws -> Bool {
        let found = try connection.query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND instr(sql, ?1) > 0",
            [.text(ReplicaSchema.olderCaptureTriggerMark)])
        return (found.first?[0].integer ?? 0) > 0
    }
}
