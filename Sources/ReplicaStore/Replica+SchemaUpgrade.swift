import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// Moves the replica to the catalog version `newer`, in one transaction: writes not yet versioned
    /// are cut under the triggers that recorded them; new tables are created, new columns added,
    /// enumerations widened, and the capture triggers made anew for `newer`. Every row and every
    /// unsynced write stays. `extra` runs in the same transaction (the sync client restarts its pull
    /// there, so the rows and fields this replica was not sent on its old version arrive).
    ///
    /// Adding a column is SQLite's `ALTER TABLE … ADD COLUMN` (the rows are not rewritten); widening an
    /// enumeration rewrites the table's CHECK constraint in SQLite's schema, which every stored value
    /// already satisfies (SQLite's documented procedure for changing constraints). A column dropped by
    /// `newer` stays in the file, no longer captured nor synced.
    ///
    /// - Returns: what changed.
    /// - Throws: `ReplicaError.schemaRefused` when `newer` cannot follow the replica's version (the
    ///   file is not touched), `.database` when SQLite fails (nothing changed).
    @discardableResult
    public func upgradeSchema(to newer: Catalog, extra: () throws -> Void = {}) throws(ReplicaError) -> CatalogChange {
        let change: CatalogChange
        do {
            change = try CatalogChange.between(catalog, newer, publishing: false)
        } catch {
            throw .schemaRefused(error)
        }
        let older = catalog
        try ReplicaError.wrap("moving \(path) to schema version \(newer.schemaVersion)") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction()
                for trigger in try connection.query(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fl\\_%' ESCAPE '\\'")
                {
                    guard let name = trigger[0].text else { continue }
                    try connection.execute("DROP TRIGGER \"\(name)\"")
                }
                for name in change.addedTables {
                    guard let table = newer.table(named: name) else { continue }
                    try connection.execute(ReplicaSchema.createTable(table))
                }
                for added in change.addedColumns {
                    guard let column = newer.table(named: added.table)?.column(named: added.column) else { continue }
                    try connection.execute("ALTER TABLE \(added.table) ADD COLUMN \(ReplicaSchema.columnDefinition(column))")
                }
                for widened in change.widenedColumns {
                    guard let before = older.table(named: widened.table)?.column(named: widened.column),
                        let after = newer.table(named: widened.table)?.column(named: widened.column)
                    else { continue }
                    try rewriteEnumerationCheck(of: widened.table, from: before, to: after)
                }
                // The triggers write the capture log: it exists before them (a replica opened busy may lack it).
                try connection.execute(ReplicaSchema.captureLogTable)
                try connection.execute(ReplicaSchema.captureTriggerSQL(for: newer))
                try showValuesNowAllowed(in: change.widenedColumns, of: newer)
                try setMeta(MetaKey.schemaVersion, String(newer.schemaVersion))
                try setMeta(MetaKey.catalog, String(decoding: newer.document.encoded(), as: UTF8.self))
                try connection.execute("PRAGMA user_version = \(newer.schemaVersion)")
                try extra()
            }
        }
        catalog = newer
        tables = TableStatements(catalog: newer)
        return change
    }

    /// Reads the catalog again when another process moved the file to another version since this
    /// replica was opened (a sync from the command line while the office app has it open); returns
    /// whether it did. One look at a setting when nothing changed.
    @discardableResult
    public func followCatalogChanges() throws(ReplicaError) -> Bool {
        guard let version = try meta(MetaKey.schemaVersion).flatMap(Int.init), version != catalog.schemaVersion,
            let stored = try meta(MetaKey.catalog)
        else { return false }
        let newer = try Self.decodeStoredCatalog(stored, path: path)
        catalog = newer
        tables = TableStatements(catalog: newer)
        return true
    }

    /// Shows in the domain tables the values of `columns` that the replica's states hold and its old
    /// enumeration refused (NULL until now: `TableStatements.Table.storable`).
    private func showValuesNowAllowed(in columns: [CatalogChange.Column], of newer: Catalog) throws {
        for (table, names) in Dictionary(grouping: columns, by: \.table) {
            guard let spec = newer.table(named: table), spec.isSynced else { continue }
            // Only a row showing NULL in one of them can hold such a value: the others are not read.
            let empty = names.map { "\($0.column) IS NULL" }.joined(separator: " OR ")
            let rows = try connection.query("SELECT id FROM \(table) WHERE \(empty)")
            try withCaptureOff {
                for row in rows {
                    guard let id = row[0].text, let state = try loadState(table: table, id: id), state.isLive else { continue }
                    for name in names.map(\.column) {
                        guard let value = state.fields[name].flatMap(Register.winner)?.value, value != .null else { continue }
                        try connection.run(
                            "UPDATE \(table) SET \(name) = ?1 WHERE id = ?2 AND \(name) IS NULL", [value.sqlValue, .text(id)])
                    }
                }
            }
        }
    }

    /// Replaces the CHECK of `before`'s enumeration in `table`'s stored definition by `after`'s (none
    /// when `after` allows any value). Every stored value satisfies the wider constraint, so no row
    /// is read: SQLite's procedure for changing a constraint in place ("ALTER TABLE", section 7).
    private func rewriteEnumerationCheck(of table: String, from before: ColumnSpec, to after: ColumnSpec) throws {
        guard let old = ReplicaSchema.enumerationCheck(before),
            let sql = try connection.query(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]
            ).first?[0].text,
            sql.contains(" " + old)
        else {
            throw ReplicaError.failed(
                doing: "widening \(table).\(before.name)",
                detail: "the table's definition is not the one farelegami made (was it changed by hand?)")
        }
        let replacement = ReplicaSchema.enumerationCheck(after).map { " " + $0 } ?? ""
        let rewritten = sql.replacingOccurrences(of: " " + old, with: replacement)
        let version = try connection.query("PRAGMA schema_version").first?[0].integer ?? 0
        try connection.execute("PRAGMA writable_schema = ON")
        defer { try? connection.execute("PRAGMA writable_schema = OFF") }
        try connection.run(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [.text(rewritten), .text(table)])
        try connection.execute("PRAGMA schema_version = \(version + 1)")
    }
}
