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
        let dirty = try connection.query("SELECT tbl, rid, mask FROM _fl_dirty")
        guard !dirty.isEmpty else { return 0 }
        let counter = try metaNumber(MetaKey.counter) + 1
        let dot = Dot(replica: replicaID, counter: counter)
        var sequence = try metaNumber(MetaKey.sequence)
        var versioned = 0
        try withCaptureOff {
            for row in dirty {
                guard let tableName = row[0].text, let id = row[1].text, let table = tables[tableName] else { continue }
                let previous = try loadState(table: tableName, id: id)
                let current = try domainValues(table: table, id: id)
                guard let write = Self.localWrite(
                    previous: previous, current: current, mask: row[2].integer ?? -1, columns: table.spec.columnNames)
                else { continue }
                sequence += 1
                try storeLocalVersion(write, table: table.spec, id: id, previous: previous, dot: dot, sequence: sequence)
                versioned += 1
            }
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

    /// What the local writes to one row amount to, or nil when nothing needs a new version.
    ///
    /// A field whose value equals its current winner is written again only when it is in conflict
    /// (writing it then is how a conflict is resolved).
    static func localWrite(previous: RowVersion?, current: [FieldValue]?, mask: Int64, columns: [String])
        -> LocalWrite?
    {
        guard let current else {
            return previous?.isLive == true ? .delete : nil
        }
        let values = Dictionary(uniqueKeysWithValues: zip(columns, current))
        guard let previous, previous.isLive else { return .insert(values: values) }
        var changed: [String: FieldValue] = [:]
        for (bit, column) in columns.enumerated() where mask == -1 || mask & (1 << bit) != 0 {
            let siblings = previous.fields[column] ?? []
            let value = values[column] ?? .null
            if siblings.count == 1, siblings[0].value == value { continue }
            if siblings.isEmpty, value == .null { continue }
            changed[column] = value
        }
        return changed.isEmpty ? nil : .update(values: changed)
    }
}
