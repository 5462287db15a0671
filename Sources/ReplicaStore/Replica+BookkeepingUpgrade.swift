import SQLiteDatabase

extension Replica {
    /// Brings the bookkeeping of a replica made by an older build up to today's, in one transaction;
    /// does nothing when it is current. It adds `_fl_replica` and `_fl_dot_time` (which name a
    /// conflict's sides), and rebuilds `_fl_conflict` with AUTOINCREMENT, keeping every open
    /// conflict's id, so that an id is never given again to a later conflict (before, the next
    /// conflict after the newest was resolved took its id: every new conflict was `#1`).
    ///
    /// - Returns: whether anything was changed.
    @discardableResult
    static func upgradeBookkeeping(_ connection: Connection) throws -> Bool {
        guard try needsBookkeepingUpgrade(connection) else { return false }
        return try connection.transaction {
            guard try needsBookkeepingUpgrade(connection) else { return false }
            try connection.execute(
                """
                CREATE TABLE IF NOT EXISTS _fl_replica (
                    replica_id TEXT NOT NULL PRIMARY KEY, site_id TEXT NOT NULL, first_seen TEXT
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS _fl_dot_time (
                    replica_id TEXT NOT NULL, counter INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (replica_id, counter)
                ) WITHOUT ROWID;
                """)
            if try !conflictIDsAutoincrement(connection) {
                try connection.execute(
                    """
                    CREATE TABLE _fl_conflict_v2 (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, rid TEXT NOT NULL, col TEXT NOT NULL,
                        UNIQUE (tbl, rid, col)
                    );
                    INSERT INTO _fl_conflict_v2 (id, tbl, rid, col) SELECT id, tbl, rid, col FROM _fl_conflict ORDER BY id;
                    DROP TABLE _fl_conflict;
                    ALTER TABLE _fl_conflict_v2 RENAME TO _fl_conflict;
                    """)
            }
            return true
        }
    }

    private static func needsBookkeepingUpgrade(_ connection: Connection) throws -> Bool {
        let found = try connection.query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_fl_replica', '_fl_dot_time')")
        let complete = (found.first?[0].integer ?? 0) == 2
        return try !complete || !conflictIDsAutoincrement(connection)
    }

    private static func conflictIDsAutoincrement(_ connection: Connection) throws -> Bool {
        let definition = try connection.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '_fl_conflict'")
            .first?[0].text ?? ""
        return definition.uppercased().contains("AUTOINCREMENT")
    }
}
