import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// Turns every captured local write into a new row version: one new dot for all rows written
    /// since the last cut, so writes between two syncs fold into one version per row.
    ///
    /// - Returns: how many rows got a new version.
    @discardableResult
    public func cutLocalVersions() throws(ReplicaError) -> Int {
        try ReplicaError.wrap("recording local changes") {
            try connection.transaction { try cutLocalVersionsInTransaction() }
        }
    }

    /// The body of `cutLocalVersions`, for callers already inside a transaction.
    func cutLocalVersionsInTransaction() throws -> Int {
        // Streamed, not loaded: a million pending writes must not mean a million rows in memory.
        let dirty = try connection.prepare("SELECT tbl, rid, mask FROM _fl_dirty").bind([])
        guard try dirty.step() else { return 0 }
        let counter = try metaNumber(MetaKey.counter) + 1
        let dot = Dot(replica: replicaID, counter: counter)
        var sequence = try metaNumber(MetaKey.sequence)
        var versioned = 0
        try withCaptureOff {
            repeat {
                let row = dirty.row()
                guard let tableName = row[0].text, let id = row[1].text, let table = tables[tableName] else { continue }
                let previous = try loadState(table: tableName, id: id)
                let current = try domainValues(table: table, id: id)
                let mask = row[2].integer ?? -1
                let changed = mask == -1
                    ? nil : Set(table.spec.columnNames.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
                guard let write = LocalWrite.folding(
                    previous: previous, current: current.map { Dictionary(uniqueKeysWithValues: zip(table.spec.columnNames, $0)) },
                    changedColumns: changed, columns: table.spec.columnNames)
                else { continue }
                sequence += 1
                try storeLocalVersion(write, table: table.spec, id: id, previous: previous, dot: dot, sequence: sequence)
                versioned += 1
            } while try dirty.step()
        }
        try connection.run("DELETE FROM _fl_dirty")
        if versioned > 0 {
            try setMetaNumber(MetaKey.counter, counter)
            try setMetaNumber(MetaKey.sequence, sequence)
        }
        return versioned
    }

    /// Stores the version that `write` makes of a row and queues it for the next push.
    func storeLocalVersion(
        _ write: LocalWrite, table: TableSpec, id: String, previous: RowVersion?, dot: Dot, sequence: UInt64
    ) throws {
        let next = RowVersion.afterLocalWrite(
            write, previous: previous, table: table.name, id: id, columns: table.columnNames, dot: dot)
        try store(next, previous: previous, sequence: sequence)
        try connection.run(
            "INSERT INTO _fl_outbox (tbl, rid, seq) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq",
            [.text(table.name), .text(id), .integer(Int64(sequence))])
    }
}
