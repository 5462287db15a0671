import SyncCore
/// One trigger of a replica: its name and its `CREATE TRIGGER` statement, as `sqlite_master` keeps it.
public struct ReplicaTrigger: Sendable, Equatable {
    /// The trigger's name (every trigger of the engine's starts with `_fl_`).
    public let name: String
    /// The statement that creates it, without the final semicolon.
    public let sql: String
}

extension ReplicaSchema {
    /// The capture triggers of every synced table of `catalog` (part of `sql(for:)`), to create
    /// them again in a replica whose triggers are of an older form.
    public static func captureTriggerSQL(for catalog: Catalog = .farelegami) -> String {
        catalog.syncedTables.map { table in
            triggers(of: table, catalog).map { $0.sql + ";\n" }.joined()
        }.joined(separator: "\n")
    }

    /// Every trigger a replica of `catalog` has today, in creation order.
    public static func captureTriggers(for catalog: Catalog = .farelegami) -> [ReplicaTrigger] {
        catalog.syncedTables.flatMap { triggers(of: $0, catalog) }
    }

    private static func triggers(of table: TableSpec, _ catalog: Catalog) -> [ReplicaTrigger] {
        let name = table.name
        // The engine writes with the triggers off on its own connection (`Connection.withoutTriggers`),
        // so every write that fires them is an office's: no WHEN asks whether to capture (that lookup
        // of _fl_capture was 0.7 of a captured insert's 7.9 µs: Benchmarks/experiments/trigger-cost.py).
        // Each write appends one entry to _fl_log (no key: an append, where an upsert into a keyed
        // table wrote at a random key, 2.2× a plain INSERT … SELECT through the sqlite3 shell).
        // No statement of a trigger may abort: SQLite gives every statement that fires a trigger
        // which may abort a statement journal, a copy of each page it touches (~0.7 µs a row for the
        // engine's own writes while applying pulled rows, when they still fired the triggers).
        // Hence a log without constraints.
        let log = "INSERT INTO _fl_log (tbl, rid, mask) VALUES"
        let changedMask = table.columns.enumerated().map { bit, column in
            "(CASE WHEN OLD.\(column.name) IS NOT NEW.\(column.name) THEN \(1 << bit) ELSE 0 END)"
        }.joined(separator: "\n        | ")
        // A row that hangs from a row of a site takes that row's site first; any other row inserted
        // without a site gets the replica's.
        let ownSite = catalog.parentColumn(of: table).map { "    \(followParent(table, $0));\n" } ?? ""
        let siteless = ownSite.isEmpty ? "NEW.site_id IS NULL" : "site_id IS NULL"
        var triggers = [
            ReplicaTrigger(name: "_fl_\(name)_insert", sql: """
                CREATE TRIGGER _fl_\(name)_insert AFTER INSERT ON \(name) BEGIN
                    \(log) ('\(name)', NEW.id, -1);
                \(ownSite)    UPDATE \(name) SET site_id = (SELECT site_id FROM _fl_capture WHERE id = 1)
                        WHERE id = NEW.id AND \(siteless);
                END
                """),
            ReplicaTrigger(name: "_fl_\(name)_update", sql: """
                CREATE TRIGGER _fl_\(name)_update AFTER UPDATE ON \(name) BEGIN
                    \(log) ('\(name)', NEW.id,
                        \(changedMask));
                END
                """),
            // A changed id marks the old id as deleted, in a trigger of its own that only UPDATEs
            // naming `id` fire (other updates skip it without running it).
            ReplicaTrigger(name: "_fl_\(name)_rekey", sql: """
                CREATE TRIGGER _fl_\(name)_rekey AFTER UPDATE OF id ON \(name) WHEN OLD.id IS NOT NEW.id BEGIN
                    \(log) ('\(name)', OLD.id, -1);
                END
                """),
            ReplicaTrigger(name: "_fl_\(name)_delete", sql: """
                CREATE TRIGGER _fl_\(name)_delete AFTER DELETE ON \(name) BEGIN
                    \(log) ('\(name)', OLD.id, -1);
                END
                """),
        ]
        triggers += siteFollowingTriggers(of: table, catalog)
        return triggers
    }

    /// The triggers that keep a row on its parent's site when either changes: a row moved to
    /// another parent, or given another site, takes its parent's again; a parent given another site
    /// takes its rows with it (and they theirs: each level's trigger fires the next).
    private static func siteFollowingTriggers(of table: TableSpec, _ catalog: Catalog) -> [ReplicaTrigger] {
        let name = table.name
        var triggers: [ReplicaTrigger] = []
        if let parent = catalog.parentColumn(of: table) {
            triggers.append(ReplicaTrigger(name: "_fl_\(name)_site", sql: """
                CREATE TRIGGER _fl_\(name)_site AFTER UPDATE OF site_id, \(parent.name) ON \(name) BEGIN
                    \(followParent(table, parent));
                END
                """))
        }
        let children = catalog.children(of: table)
        if !children.isEmpty {
            let moves = children.map { child, column in
                "    UPDATE \(child.name) SET site_id = NEW.site_id WHERE \(column.name) = NEW.id AND site_id IS NOT NEW.site_id;\n"
            }.joined()
            // Not when the row first gets a site (its insert trigger setting a missing one): rows are
            // placed when they are inserted, normally after their parent, and the look for rows that
            // hang from it (a scan: the references are not indexed) would be paid by every insert.
            triggers.append(ReplicaTrigger(name: "_fl_\(name)_children", sql: """
                CREATE TRIGGER _fl_\(name)_children AFTER UPDATE OF site_id ON \(name)
                    WHEN OLD.site_id IS NOT NULL AND NEW.site_id IS NOT NULL AND OLD.site_id IS NOT NEW.site_id BEGIN
                \(moves)END
                """))
        }
        return triggers
    }

    /// The statement that gives the row `NEW` of `table` its parent's site, when the replica holds the
    /// parent and the row's site differs (no write otherwise).
    private static func followParent(_ table: TableSpec, _ parent: ColumnSpec) -> String {
        let parentSite = "coalesce((SELECT site_id FROM \(parent.references!) WHERE id = NEW.\(parent.name)), site_id)"
        return "UPDATE \(table.name) SET site_id = \(parentSite)\n        WHERE id = NEW.id AND site_id IS NOT \(parentSite)"
    }
}
