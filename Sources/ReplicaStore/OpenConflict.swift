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
