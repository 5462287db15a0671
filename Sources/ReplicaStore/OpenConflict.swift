import SyncCore
import SyncProtocol

/// A field whose concurrent writes disagree, as the central office sees it.
public struct OpenConflict: Sendable, Equatable, Encodable {
    /// The conflict's id on this replica (for `conflicts resolve`).
    public let id: Int64
    /// The table of the row.
    public let table: String
    /// The row's id.
    public let rowID: String
    /// The column in conflict (`_live` when a delete met a re-insert).
    public let column: String
    /// Whether the row is deleted (a delete was concurrent with an update).
    public let rowDeleted: Bool
    /// Every value written concurrently, oldest dot first.
    public let sides: [Side]
    /// The side every replica shows until the conflict is resolved.
    public let provisionalWinner: Side
    /// For an edit against a delete (the row is deleted on every replica until resolved), who
    /// deleted, who edited, and what keeping the row brings back; nil for any other conflict.
    public var deleteContest: DeleteContest? = nil

    /// One concurrent write.
    public struct Side: Sendable, Equatable, Encodable {
        /// The replica that wrote it.
        public let replica: String
        /// That replica's counter for the write.
        public let counter: UInt64
        /// The value it wrote (NULL for a delete).
        public let value: FieldValue
        /// Whether the write was a delete of the row.
        public let isDelete: Bool

        /// The side as `replica:counter`, the form `conflicts resolve --take` accepts.
        public var dotText: String { "\(replica):\(counter)" }
    }
}

extension OpenConflict {
    init?(id: Int64, column: String, state: RowVersion) {
        let register = column == RowVersion.liveColumn ? state.live : (state.fields[column] ?? [])
        let deletes = Set(state.live.filter { $0.value == .integer(0) }.map(\.dot))
        let sides = register.map { sibling in
            Side(
                replica: sibling.dot.replica.rawValue, counter: sibling.dot.counter, value: sibling.value,
                isDelete: deletes.contains(sibling.dot))
        }
        guard let winner = Register.winner(of: register),
            let winnerSide = sides.first(where: { $0.replica == winner.dot.replica.rawValue && $0.counter == winner.dot.counter })
        else { return nil }
        self.init(
            id: id, table: state.table, rowID: state.id, column: column, rowDeleted: !state.isLive, sides: sides,
            provisionalWinner: winnerSide)
    }
}

extension OpenConflict {
    /// The conflict of a contested delete (`RowVersion.isContestedDelete`), listed as one conflict on
    /// the row's existence: the deletes' sides, then the sides of the writes they did not see
    /// (value 1: they kept the row), the shown side being a delete, since the row is deleted on every
    /// replica until someone resolves it. `retained` is the row's retained view, if held here.
    init?(id: Int64, contested state: RowVersion, retained: RowVersion?, columns: [String]) {
        let writes = state.contestingWrites
        guard let shown = writes.deletes.last else { return nil }
        let deleteDots = Set(writes.deletes)
        let sides = (writes.deletes + writes.unseen.map(\.dot)).sorted().map { dot in
            let isDelete = deleteDots.contains(dot)
            return Side(
                replica: dot.replica.rawValue, counter: dot.counter, value: isDelete ? .null : .integer(1),
                isDelete: isDelete)
        }
        self.init(
            id: id, table: state.table, rowID: state.id, column: RowVersion.liveColumn, rowDeleted: true,
            sides: sides,
            provisionalWinner: Side(replica: shown.replica.rawValue, counter: shown.counter, value: .null, isDelete: true))
        deleteContest = DeleteContest(
            deletes: writes.deletes.map { "\($0.replica.rawValue):\($0.counter)" },
            edits: writes.unseen.map { DeleteContest.Edit(write: "\($0.dot.replica.rawValue):\($0.dot.counter)", columns: $0.columns) },
            keptValues: RetainedView.keptValues(of: state, retained: retained, columns: columns))
    }
}

/// An edit against a delete, as `conflicts list` shows it: the row is deleted on every replica until
/// someone resolves it, by keeping it (`--keep`, every field as the editing side last saw it) or
/// deleting it (`--delete`).
public struct DeleteContest: Sendable, Equatable, Encodable {
    /// The deletes (`replica:counter`).
    public let deletes: [String]
    /// The writes the deletes did not see.
    public let edits: [Edit]
    /// The values `--keep` writes back, by column; nil when this replica holds no retained copy of
    /// the row and the delete erased some field (sync first, or resolve on a replica that has one).
    public let keptValues: [String: FieldValue]?

    /// A write the deletes did not see.
    public struct Edit: Sendable, Equatable, Encodable {
        /// The write (`replica:counter`).
        public let write: String
        /// The columns it wrote (empty for a re-insert's `live` alone).
        public let columns: [String]
    }
}
