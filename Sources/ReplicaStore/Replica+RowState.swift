import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// The synced state of a row, if the replica has one.
    public func rowVersion(table: String, id: String) throws(ReplicaError) -> RowVersion? {
        try ReplicaError.wrap("reading the state of \(table)/\(id)") { try loadState(table: table, id: id) }
    }

    func loadState(table: String, id: String) throws -> RowVersion? {
        let statement = try connection.prepare("SELECT state FROM _fl_row WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(table), .text(id)])
        defer { try? statement.bind([]) }
        guard try statement.step() else { return nil }
        return try statement.withBytes(at: 0) { bytes in try RowStateCoding.decode(bytes) }
    }

    /// Stores `state` as the row's new state under the next change sequence, makes the domain table
    /// show its visible values (or removes the row when it is deleted), and refreshes the row's
    /// entries in the conflict index. Returns whether this opened a conflict on a row that had none.
    @discardableResult
    func store(_ state: RowVersion, previous: RowVersion?, sequence: UInt64) throws -> Bool {
        try connection.run(
            "INSERT INTO _fl_row (tbl, rid, seq, state) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq, state = excluded.state",
            [.text(state.table), .text(state.id), .integer(Int64(sequence)), .text(RowStateCoding.encode(state))])
        try showVisibleRow(of: state)
        let before = previous?.conflictingColumns ?? []
        let after = state.conflictingColumns
        if before != after {
            for column in before where !after.contains(column) {
                try connection.run(
                    "DELETE FROM _fl_conflict WHERE tbl = ?1 AND rid = ?2 AND col = ?3",
                    [.text(state.table), .text(state.id), .text(column)])
            }
            for column in after where !before.contains(column) {
                try connection.run(
                    "INSERT OR IGNORE INTO _fl_conflict (tbl, rid, col) VALUES (?1, ?2, ?3)",
                    [.text(state.table), .text(state.id), .text(column)])
            }
        }
        return before.isEmpty && !after.isEmpty
    }

    /// Writes the row's visible values into its domain table (capture must be off).
    private func showVisibleRow(of state: RowVersion) throws {
        guard let table = tables[state.table] else { throw SyncCoreError.unknownTable(state.table) }
        if state.isLive {
            let visible = state.visibleValues
            let values = [SQLValue.text(state.id)] + table.spec.columnNames.map { (visible[$0] ?? .null).sqlValue }
            try connection.run(table.upsert, values)
        } else {
            try connection.run(table.delete, [.text(state.id)])
        }
    }

    /// The row's current values in its domain table, in catalog order, or nil when it is absent.
    func domainValues(table: TableStatements.Table, id: String) throws -> [FieldValue]? {
        let statement = try connection.prepare(table.select).bind([.text(id)])
        defer { try? statement.bind([]) }
        guard try statement.step() else { return nil }
        return (0..<Int32(table.spec.columns.count)).map { FieldValue(statement.value(at: $0)) }
    }

    /// Turns capture off for the engine's own writes to the domain tables, runs `body`, and turns it
    /// back on. Inside a transaction, other connections never see capture off.
    func withCaptureOff<T>(_ body: () throws -> T) throws -> T {
        try connection.run("UPDATE _fl_capture SET capture = 0 WHERE id = 1")
        defer { try? connection.run("UPDATE _fl_capture SET capture = 1 WHERE id = 1") }
        return try body()
    }
}

/// The encoding of a row state in `_fl_row.state`: the row version's wire JSON, written and read by
/// SyncCore's hand-written `RowVersionJSON` (Foundation's coders were most of the sync time).
enum RowStateCoding {
    static func encode(_ state: RowVersion) -> String {
        String(decoding: RowVersionJSON.encode(state), as: UTF8.self)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> RowVersion {
        try RowVersionJSON.decode(bytes)
    }
}
