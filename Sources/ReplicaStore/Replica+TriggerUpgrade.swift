import SQLiteDatabase
import SyncCore

extension Replica {
    /// Replaces capture triggers of an older form with today's, in one transaction; does nothing
    /// when the replica has exactly today's (`ReplicaSchema.captureTriggers`). The older forms
    /// captured the same writes, but:
    /// - the oldest also looked up `_fl_capture` at every write, which the engine no longer needs
    ///   (it turns triggers off on its own connection);
    /// - none gave a row that hangs from a row of a site (a person's household, a commitment's pact)
    ///   that row's site: a row the central office added to an office's household stayed the central
    ///   office's and never reached the office. The upgrade also moves such rows to their parent's
    ///   site, as an ordinary captured write, so the next sync delivers them.
    ///
    /// - Returns: whether the triggers were replaced.
    @discardableResult
    static func upgradeCaptureTriggers(_ connection: Connection, catalog: Catalog) throws -> Bool {
        let today = ReplicaSchema.captureTriggers(for: catalog)
        guard try installedTriggers(connection) != Set(today.map(\.sql)) else { return false }
        return try connection.transaction {
            // Another process may have upgraded the file since the look above.
            guard try installedTriggers(connection) != Set(today.map(\.sql)) else { return false }
            let names = try connection.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fl\\_%' ESCAPE '\\'")
            for name in names.compactMap({ $0[0].text }) {
                try connection.execute("DROP TRIGGER \"\(name)\"")
            }
            try connection.execute(ReplicaSchema.captureTriggerSQL(for: catalog))
            try moveRowsToTheirParentsSite(connection, catalog: catalog)
            return true
        }
    }

    /// Gives every row that hangs from a row of a site that row's site, parents before their rows
    /// (catalog order), with today's triggers on: each move is captured like an office's write.
    private static func moveRowsToTheirParentsSite(_ connection: Connection, catalog: Catalog) throws {
        for table in catalog.syncedTables {
            guard let parent = catalog.parentColumn(of: table), let parentTable = parent.references else { continue }
            let parentSite = "(SELECT site_id FROM \(parentTable) WHERE id = \(table.name).\(parent.name))"
            try connection.execute(
                "UPDATE \(table.name) SET site_id = \(parentSite) WHERE \(parentSite) IS NOT NULL AND site_id IS NOT \(parentSite)")
        }
    }

    private static func installedTriggers(_ connection: Connection) throws -> Set<String> {
        let rows = try connection.query(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fl\\_%' ESCAPE '\\'")
        return Set(rows.compactMap { $0[0].text })
    }
}
