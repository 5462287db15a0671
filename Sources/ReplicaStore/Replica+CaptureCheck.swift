import SQLiteDatabase
import SyncCore

/// What `Replica.checkCapture()` found and mended: capture triggers that were missing or not today's.
public struct CaptureRepair: Sendable, Equatable {
    /// The triggers that were missing (dropped by hand or by a table-rebuild procedure), by name.
    public let missing: [String]
    /// The triggers that existed in another form (an older build's) and were replaced, by name.
    public let replaced: [String]
    /// Rows of the tables that lost a trigger, compared with their stored states.
    public let rowsCompared: Int
    /// New local versions cut while mending: the changes the missing triggers had not recorded
    /// (with any write still pending), queued for the next push.
    public let versionsQueued: Int

    /// One line for the log and the terminal, or nil when only older forms were replaced (an
    /// upgrade, which loses nothing and needs no word).
    public var notice: String? {
        guard !missing.isEmpty else { return nil }
        let tables = Set(missing.compactMap(Self.table(ofTrigger:))).sorted()
        return "the capture triggers of \(tables.joined(separator: ", ")) were missing (\(missing.joined(separator: ", "))): "
            + "recreated them and compared \(rowsCompared) rows with their last synced state; "
            + "\(versionsQueued) changes queued for the next push"
    }

    /// The table of a capture trigger named `_fl_<table>_<kind>`.
    static func table(ofTrigger name: String) -> String? {
        guard name.hasPrefix("_fl_"), let underscore = name.lastIndex(of: "_") else { return nil }
        let start = name.index(name.startIndex, offsetBy: 4)
        guard start < underscore else { return nil }
        return String(name[start..<underscore])
    }
}

extension Replica {
    /// Checks that every synced table has today's capture triggers; when one is missing or of
    /// another form (an older build's), recreates them all in one transaction, moves rows an older
    /// build left on the wrong site to their parent's site, and re-examines every row of each table
    /// that lost a trigger (present in the table or in the stored states): the cut then versions
    /// exactly the changes the missing trigger did not record (a row equal to its state cuts to nothing).
    ///
    /// Runs when a replica is opened (`captureRepair` keeps what it did) and before every sync.
    ///
    /// - Returns: nil when the triggers are today's, else what was mended.
    @discardableResult
    public func checkCapture() throws(ReplicaError) -> CaptureRepair? {
        let expected = Self.expectedCaptureTriggers(catalog)
        return try ReplicaError.wrap("checking the capture triggers") { () throws -> CaptureRepair? in
            guard try installedCaptureTriggers() != expected else { return nil }
            return try connection.transaction { () throws -> CaptureRepair? in
                // Another process may have mended the file since the look above.
                let found = try installedCaptureTriggers()
                guard found != expected else { return nil }
                let missing = expected.keys.filter { found[$0] == nil }.sorted()
                let replaced = expected.keys.filter { found[$0] != nil && found[$0] != expected[$0] }.sorted()
                for name in found.keys.sorted() {
                    try connection.execute("DROP TRIGGER \"\(name)\"")
                }
                // The triggers write the capture log: it exists before them (a replica made before the
                // log gets it here; triggers on a missing table would fail every write). What older
                // triggers recorded in _fl_dirty stays pending.
                try connection.execute(ReplicaSchema.captureLogTable)
                try connection.execute(ReplicaSchema.captureTriggerSQL(for: catalog))
                try moveRowsToTheirParentsSite()
                let lost = Set(missing.compactMap(CaptureRepair.table(ofTrigger:)))
                var compared = 0
                for table in catalog.syncedTables where lost.contains(table.name) {
                    compared += try markEveryRowChanged(of: table.name)
                }
                let queued = compared > 0 ? try cutLocalVersionsInTransaction() : 0
                return CaptureRepair(missing: missing, replaced: replaced, rowsCompared: compared, versionsQueued: queued)
            }
        }
    }

    /// Today's capture triggers, by name, with the SQL SQLite keeps for each.
    static func expectedCaptureTriggers(_ catalog: Catalog) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ReplicaSchema.captureTriggers(for: catalog).map { ($0.name, $0.sql) })
    }

    /// Gives every row that hangs from a row of a site that row's site, parents before their rows
    /// (catalog order), with today's triggers on: each move is captured like an office's write. Older
    /// triggers did not, so a row the central office added to an office's household stayed the
    /// central office's and never reached the office; the next sync delivers it.
    private func moveRowsToTheirParentsSite() throws {
        for table in catalog.syncedTables {
            guard let parent = catalog.parentColumn(of: table), let parentTable = parent.references else { continue }
            let parentSite = "(SELECT site_id FROM \(parentTable) WHERE id = \(table.name).\(parent.name))"
            try connection.execute(
                "UPDATE \(table.name) SET site_id = \(parentSite) WHERE \(parentSite) IS NOT NULL AND site_id IS NOT \(parentSite)")
        }
    }

    /// The capture triggers in the file, by name, with their SQL.
    private func installedCaptureTriggers() throws -> [String: String] {
        let rows = try connection.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\\_fl\\_%' ESCAPE '\\'")
        var found: [String: String] = [:]
        for row in rows {
            guard let name = row[0].text else { continue }
            found[name] = row[1].text ?? ""
        }
        return found
    }

    /// Marks every row of `table`, in the table or in the stored states, as changed whole, so that
    /// the next cut compares it with its state. Returns how many rows are marked.
    private func markEveryRowChanged(of table: String) throws -> Int {
        try connection.run(
            "INSERT INTO _fl_dirty (tbl, rid, mask) SELECT ?1, id, -1 FROM \"\(table)\" WHERE true "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1",
            [.text(table)])
        try connection.run(
            "INSERT INTO _fl_dirty (tbl, rid, mask) SELECT tbl, rid, -1 FROM _fl_row WHERE tbl = ?1 "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1",
            [.text(table)])
        return Int(try connection.query("SELECT count(*) FROM _fl_dirty WHERE tbl = ?1", [.text(table)])[0][0].integer ?? 0)
    }
}
