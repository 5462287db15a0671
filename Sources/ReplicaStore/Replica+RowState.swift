import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

extension Replica {
    /// The synced state of a row, if the replica has one.
    public func rowVersion(table: String, id: String) throws(ReplicaError) -> RowVersion? {
        try ReplicaError.wrap("reading the state of \(table)/\(id)") { try loadState(table: table, id: id) }
    }

    func loadState(table: String, id: String) throws -> RowVersion? {
        let statement = try connection.prepare("SELECT state FROM _fl_row WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(table), .text(id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return nil }
        return try statement.withBytes(at: 0) { bytes in try RowStateCoding.decode(bytes, table: table, id: id) }
    }

    /// Stores `state` as the row's new state under the next change sequence, makes the domain table
    /// show its visible values (or removes the row when it is deleted), and refreshes the row's
    /// entries in the conflict index. Returns whether this opened a conflict on a row that had none.
    /// `showing: false` skips the domain table, for a local write's version: the domain row already
    /// shows exactly those values.
    /// `encoded`, when given, is `state` already encoded (`RowStateCoding.encode`).
    @discardableResult
    func store(_ state: RowVersion, previous: PreviousState, sequence: UInt64, showing: Bool = true, encoded: [UInt8]? = nil)
        throws -> Bool
    {
        let statement = try connection.prepare(
            "INSERT INTO _fl_row (tbl, rid, seq, state) VALUES (?1, ?2, ?3, ?4) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET seq = excluded.seq, state = excluded.state"
        ).bind([.text(state.table), .text(state.id), .integer(Int64(sequence))])
        try statement.bindText(encoded ?? RowStateCoding.encode(state), at: 4)
        try statement.run()
        return try show(state, previous: previous, showing: showing)
    }

    /// Stores `state`, `encoded` (`RowStateCoding.encode`), under `sequence` if the row has no state
    /// here, and shows it as `store` does; returns whether that opened a conflict, or nil, having
    /// written nothing, when the row has a state. One statement instead of a look-up and a write,
    /// for a pull of rows new here (an office's first sync).
    func storeIfNew(_ state: RowVersion, encoded: [UInt8], sequence: UInt64) throws -> Bool? {
        let statement = try connection.prepare(
            "INSERT INTO _fl_row (tbl, rid, seq, state) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tbl, rid) DO NOTHING"
        ).bind([.text(state.table), .text(state.id), .integer(Int64(sequence))])
        try statement.bindText(encoded, at: 4)
        try statement.run()
        guard connection.changes == 1 else { return nil }
        return try show(state, previous: PreviousState(nil), showing: true)
    }

    /// What `store` does after writing the state: the domain row (unless `showing` is false) and
    /// the conflict index. Returns whether this opened a conflict on a row that had none.
    private func show(_ state: RowVersion, previous: PreviousState, showing: Bool) throws -> Bool {
        // A row held back from sync keeps what the office wrote until it is corrected (the cut that
        // releases it shows the merged row).
        if showing, heldBack.isEmpty || heldBack[RowKey(table: state.table, id: state.id)] == nil {
            try showVisibleRow(of: state, previous: previous)
        }
        if previous.contested, !state.isContestedDelete { try dropRetained(table: state.table, id: state.id) }
        let before = previous.conflictingColumns
        let after = state.conflictingColumns
        if before != after {
            if after.isEmpty {
                // Every entry of the row, including any an older build indexed by field.
                try connection.run(
                    "DELETE FROM _fl_conflict WHERE tbl = ?1 AND rid = ?2", [.text(state.table), .text(state.id)])
            }
            for column in before where !after.isEmpty && !after.contains(column) {
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

    /// Writes `state`'s visible values into its domain table again (capture must be off): for a row
    /// released from quarantine whose domain row pulls left as the office wrote it.
    func reshow(_ state: RowVersion) throws {
        try showVisibleRow(of: state, previous: PreviousState(state))
    }

    /// Writes the row's visible values into its domain table (capture must be off).
    ///
    /// A row with no `previous` state is inserted and one with a state updated; the upsert that
    /// either could be is the fallback only (a row inserted here and not yet cut, one deleted here),
    /// as SQLite journals every page an upsert touches on a table with triggers.
    private func showVisibleRow(of state: RowVersion, previous: PreviousState) throws {
        guard let table = tables[state.table] else { throw SyncCoreError.unknownTable(state.table) }
        if state.isLive {
            var values: [SQLValue] = [.text(state.id)]
            values.reserveCapacity(table.spec.columns.count + 1)
            for (index, column) in table.spec.columns.enumerated() {
                let value = state.fields[column.name].flatMap(Register.winner)?.value ?? .null
                values.append(table.storable(value, column: index).sqlValue)
            }
            if !previous.existed {
                // Already there, or a constraint the upsert fails on too (with its message): upsert.
                if try insertUnlessConstrained(table.insert, values) { return }
            } else {
                try connection.run(table.update, values)
                if connection.changes == 1 { return }
            }
            try connection.run(table.upsert, values)
        } else {
            try connection.run(table.delete, [.text(state.id)])
        }
    }

    /// Runs an INSERT; false when a constraint refused it (nothing was written).
    private func insertUnlessConstrained(_ sql: String, _ values: [SQLValue]) throws(SQLiteError) -> Bool {
        do {
            try connection.run(sql, values)
            return true
        } catch {
            guard error.isConstraint else { throw error }
            return false
        }
    }

    /// Runs `body`, the engine's own writes to the domain tables, with the capture triggers off for
    /// this connection only: other connections (an office's writes) keep capturing. The domain
    /// writes then run as plain statements, and the triggers need not ask whether to capture.
    func withCaptureOff<T>(_ body: () throws -> T) throws -> T {
        try connection.withoutTriggers(body)
    }
}

/// The encoding of a row state in `_fl_row.state`: SyncCore's compact `RowStateJSON` (about half a
/// uniform row's wire JSON); states written by older replicas are wire JSON, read as well.
enum RowStateCoding {
    static func encode(_ state: RowVersion) -> [UInt8] {
        RowStateJSON.encode(state)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, table: String, id: String) throws(ReplicaError) -> RowVersion {
        do {
            return try RowStateJSON.decode(bytes, table: table, id: id)
        } catch {
            throw .damagedState(table: table, id: id, detail: error.description)
        }
    }
}

extension Replica {
    /// Whether the replica holds the synced state of any row (pulled, imported, or its own writes once
    /// cut): a new replica holds none.
    public func holdsSyncedRows() throws(ReplicaError) -> Bool {
        try ReplicaError.wrap("reading whether the replica holds rows") {
            try !connection.query("SELECT 1 FROM _fl_row LIMIT 1").isEmpty
        }
    }
}
