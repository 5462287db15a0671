import SQLiteDatabase
import SyncCore
import SyncProtocol

/// How the central office settles a conflict.
public enum Resolution: Sendable, Equatable {
    /// Keep the value one side wrote (`replica:counter`, as listed). Taking a delete deletes the row.
    case take(Dot)
    /// Write this value instead (a deleted row is brought back with it).
    case value(FieldValue)
    /// Write this value, typed by a person: read as the column's type (numbers for numeric columns).
    case typedValue(String)
    /// Keep the row deleted: for an edit against a delete (or a re-insert against one) only.
    case deleteRow
    /// Keep the row an edit met a delete on, every field as the side that kept it last saw it (from
    /// the retained view): for an edit against a delete only.
    case keepRow
}

extension Replica {
    /// Every open conflict on this replica, oldest first.
    public func openConflicts() throws(ReplicaError) -> [OpenConflict] {
        try conflicts(where: "1", [])
    }

    /// The open conflicts matching an SQL condition on `_fl_conflict`, with their row states.
    private func conflicts(where condition: String, _ values: [SQLValue]) throws(ReplicaError) -> [OpenConflict] {
        try ReplicaError.wrap("listing conflicts") {
            var contested = Set<RowKey>()
            return try connection.query("SELECT id, tbl, rid, col FROM _fl_conflict WHERE \(condition) ORDER BY id", values)
                .compactMap { row in
                    guard let id = row[0].integer, let table = row[1].text, let rowID = row[2].text,
                        let column = row[3].text, let state = try loadState(table: table, id: rowID)
                    else { return nil }
                    guard state.isContestedDelete else { return OpenConflict(id: id, column: column, state: state) }
                    // One conflict per contested row (an older build indexed one per edited field).
                    guard contested.insert(RowKey(table: table, id: rowID)).inserted else { return nil }
                    return try deleteContest(id: id, state: state)
                }
        }
    }

    /// The edit-against-delete conflict `id` on the contested row `state`, with what keeping it
    /// brings back from the retained view held here.
    private func deleteContest(id: Int64, state: RowVersion) throws -> OpenConflict? {
        OpenConflict(
            id: id, contested: state, retained: try loadRetained(table: state.table, id: state.id),
            columns: tables[state.table]?.spec.columnNames ?? [])
    }

    /// Resolves an open conflict with an ordinary local write that causally follows every side, so
    /// the resolution reaches every replica at the next sync and the conflict closes everywhere.
    ///
    /// - Throws: `ReplicaError.noSuchConflict`, or `.invalidResolution` when `resolution` names a
    ///   side the conflict does not have or a value of the wrong type.
    public func resolve(conflict id: Int64, with resolution: Resolution) throws(ReplicaError) {
        guard let conflict = try conflicts(where: "id = ?1", [.integer(id)]).first else { throw .noSuchConflict(id) }
        try requireMayResolve(conflict)
        try ReplicaError.wrap("resolving conflict \(id)") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction()
                guard let table = tables[conflict.table], let state = try loadState(table: conflict.table, id: conflict.rowID)
                else { throw ReplicaError.noSuchConflict(id) }
                let write = try write(resolving: conflict, with: resolution, state: state, table: table.spec)
                let counter = try metaNumber(MetaKey.counter) + 1
                let sequence = try metaNumber(MetaKey.sequence) + 1
                try withCaptureOff {
                    try storeLocalVersion(
                        write, table: table.spec, id: conflict.rowID, previous: state,
                        dot: Dot(replica: replicaID, counter: counter), sequence: sequence)
                }
                try setMetaNumber(MetaKey.counter, counter)
                try setMetaNumber(MetaKey.sequence, sequence)
                try recordOwnCut(counter)
            }
        }
    }

    private func write(resolving conflict: OpenConflict, with resolution: Resolution, state: RowVersion, table: TableSpec)
        throws -> LocalWrite
    {
        if let contest = conflict.deleteContest {
            return try write(settling: conflict, contest, with: resolution)
        }
        var chosen: FieldValue
        switch resolution {
        case .deleteRow, .keepRow:
            throw ReplicaError.invalidResolution(
                "conflict \(conflict.id) is not an edit against a delete: --keep and --delete settle only those; "
                    + "use --take, --value or --null")
        case .take(let dot):
            guard let side = conflict.sides.first(where: { $0.replica == dot.replica.rawValue && $0.counter == dot.counter })
            else {
                let listed = conflict.sides.map(\.dotText).joined(separator: ", ")
                throw ReplicaError.invalidResolution("conflict \(conflict.id) has no side \(dot); its sides are \(listed)")
            }
            if side.isDelete { return .delete }
            chosen = side.value
        case .value(let value):
            chosen = value
        case .typedValue(let text):
            guard conflict.column != RowVersion.liveColumn else {
                throw ReplicaError.invalidResolution("a conflict on the row's existence takes --take or --delete")
            }
            do {
                chosen = try catalog.value(fromText: text, table: table.name, column: conflict.column, rowID: conflict.rowID)
            } catch {
                throw ReplicaError.invalidResolution("\(error)")
            }
        }
        if conflict.column != RowVersion.liveColumn {
            do {
                chosen = try catalog.checkedValue(chosen, table: table.name, column: conflict.column, rowID: conflict.rowID)
            } catch {
                throw ReplicaError.invalidResolution("\(error)")
            }
        }
        guard state.isLive else {
            // Bring the row back: every field keeps its best value that is not the delete's NULL.
            let deletes = Set(state.live.filter { $0.value == .integer(0) }.map(\.dot))
            var values: [String: FieldValue] = [:]
            for column in table.columnNames {
                let kept = (state.fields[column] ?? []).filter { !deletes.contains($0.dot) }
                values[column] = Register.winner(of: kept)?.value ?? Register.winner(of: state.fields[column] ?? [])?.value ?? .null
            }
            if conflict.column != RowVersion.liveColumn { values[conflict.column] = chosen }
            return .insert(values: values)
        }
        return .update(values: [conflict.column: chosen])
    }
}

extension Replica {
    /// The write that settles an edit against a delete: keeping the row writes every field back
    /// (`DeleteContest.keptValues`) under a new dot, which supersedes the delete and the edits;
    /// deleting it writes a delete that has seen them all, which erases their values everywhere.
    func write(settling conflict: OpenConflict, _ contest: DeleteContest, with resolution: Resolution) throws
        -> LocalWrite
    {
        let keep: Bool
        switch resolution {
        case .keepRow: keep = true
        case .deleteRow: keep = false
        case .take(let dot):
            guard let side = conflict.sides.first(where: { $0.replica == dot.replica.rawValue && $0.counter == dot.counter })
            else {
                let listed = conflict.sides.map(\.dotText).joined(separator: ", ")
                throw ReplicaError.invalidResolution("conflict \(conflict.id) has no side \(dot); its sides are \(listed)")
            }
            keep = !side.isDelete
        case .value, .typedValue:
            throw ReplicaError.invalidResolution(
                "conflict \(conflict.id) is an edit against a delete: resolve it with --keep or --delete")
        }
        guard keep else { return .delete }
        guard let values = contest.keptValues else {
            throw ReplicaError.invalidResolution(
                "this replica holds no retained copy of \(conflict.table) \(conflict.rowID) to bring back: "
                    + "run 'farelegami sync' and try again, or resolve it with --delete")
        }
        return .insert(values: values)
    }
}
