import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// Turns every captured local write into a new row version: one new dot for all rows written
    /// since the last cut (or one per batch when a sync cuts batch by batch), so writes between two
    /// syncs fold into one version per row.
    ///
    /// - Returns: how many rows got a new version.
    @discardableResult
    public func cutLocalVersions() throws(ReplicaError) -> Int {
        try ReplicaError.wrap("recording local changes") {
            try connection.transaction { try cutLocalVersionsInTransaction() }
        }
    }

    /// The body of `cutLocalVersions`, for callers already inside a transaction. With `limit`, cuts
    /// at most that many dirty rows (the rest stay dirty for the next cut), so a sync can push a big
    /// backlog batch by batch, cutting the next batch while the server stores the previous one.
    func cutLocalVersionsInTransaction(limit: Int? = nil) throws -> Int {
        heldBack = try loadQuarantine()
        try foldCaptureLog()
        // Streamed, not loaded: a million pending writes must not mean a million rows in memory.
        let dirty = try connection.prepare("SELECT tbl, rid, mask FROM _fl_dirty ORDER BY tbl, rid LIMIT ?1")
            .bind([.integer(Int64(limit ?? -1))])
        defer { _ = try? dirty.bind([]) }
        guard try dirty.step() else { return 0 }
        let counter = try metaNumber(MetaKey.counter) + 1
        let dot = Dot(replica: try currentIdentity(), counter: counter)
        var sequence = try metaNumber(MetaKey.sequence)
        var versioned = 0
        var last: (table: String, id: String) = ("", "")
        try withCaptureOff {
            repeat {
                guard let tableName = dirty.text(at: 0), let id = dirty.text(at: 1) else { continue }
                last = (tableName, id)
                guard let table = tables[tableName] else { continue }
                let key = RowKey(table: tableName, id: id)
                // A row held back is compared whole with its state: its earlier writes are pending too.
                let heldMask = heldBack[key]
                let mask = heldMask.map { $0 == -1 ? -1 : $0 | dirty.int64(at: 2) } ?? dirty.int64(at: 2)
                let previous = try loadState(table: tableName, id: id)
                let current = try domainRead(table: table, id: id)
                // Which columns the office wrote matters only to an update of a live row.
                let changed = mask == -1 || previous?.isLive != true
                    ? nil : Set(table.spec.columnNames.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
                let write = LocalWrite.folding(
                    previous: previous, current: current?.values, changedColumns: changed, columns: table.spec.columnNames)
                if let write, let problem = LocalWriteCheck.problem(
                    of: write, table: table.spec, id: id, read: current, site: site, central: isCentral, catalog: catalog)
                {
                    try hold(key, problem: problem, mask: mask)
                    heldBack[key] = mask
                    continue
                }
                if heldMask != nil {
                    try release(key)
                    heldBack[key] = nil
                    // Pulls left the domain row as the office wrote it: show the merged row again.
                    if write == nil, let previous { try reshow(previous) }
                }
                guard let write else { continue }
                sequence += 1
                try storeLocalVersion(
                    write, table: table.spec, id: id, previous: previous, dot: dot, sequence: sequence,
                    showing: heldMask != nil)
                versioned += 1
            } while try dirty.step()
        }
        // The rows read were the first ones in key order: forget exactly those.
        try connection.run("DELETE FROM _fl_dirty WHERE (tbl, rid) <= (?1, ?2)", [.text(last.table), .text(last.id)])
        if versioned > 0 {
            try setMetaNumber(MetaKey.counter, counter)
            try setMetaNumber(MetaKey.sequence, sequence)
            try recordOwnCut(counter)
        }
        return versioned
    }

    /// Stores the version that `write` makes of a row and queues it for the next push. `showing`
    /// writes the row's visible values to its domain table; a captured write needs not (the table
    /// already shows them), a conflict resolution does.
    func storeLocalVersion(
        _ write: LocalWrite, table: TableSpec, id: String, previous: RowVersion?, dot: Dot, sequence: UInt64,
        showing: Bool = true
    ) throws {
        var next = RowVersion.afterLocalWrite(
            write, previous: previous, table: table.name, id: id, columns: table.columnNames, dot: dot)
        var showing = showing
        if let previous, !catalog.site(site, mayResolve: previous), !previous.conflictingColumns.isEmpty {
            // Only the central office settles this row's conflicts: an office's edit is one more side,
            // and the row shows the side every replica shows (which may be another than the edit).
            next = next.keepingConflicts(of: previous)
            showing = true
        }
        try store(next, previous: PreviousState(previous), sequence: sequence, showing: showing)
        try queueForPush(table: table.name, id: id, sequence: sequence)
    }

    /// Queues the row's state stored under `sequence` for the next push (replacing an older entry).
    func queueForPush(table: String, id: String, sequence: UInt64) throws {
        try connection.run(
            "INSERT INTO _fl_outbox (tbl, rid, seq) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq",
            [.text(table), .text(id), .integer(Int64(sequence))])
    }
}
