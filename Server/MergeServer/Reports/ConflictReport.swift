import SyncCore
import SyncProtocol

/// One open conflict as the central office sees it on the server: a field of a row whose concurrent
/// writes disagree, with every side's value and the side every replica shows until someone resolves it.
public struct ConflictReport: Sendable, Equatable, Encodable {
    /// The row's table.
    public let table: String
    /// The row's id.
    public let rowID: String
    /// The column in conflict (`_live` when a delete met a re-insert).
    public let column: String
    /// The row's owning site (its visible `site_id`), if it has one.
    public let site: String?
    /// When the server first saw the conflict (ISO-8601 UTC).
    public let openedAt: String
    /// Whether the row is deleted while the conflict is open (a delete was concurrent with a write).
    public let rowDeleted: Bool
    /// Every concurrent write, oldest dot first.
    public let sides: [Side]

    /// One concurrent write of the field.
    public struct Side: Sendable, Equatable, Encodable {
        /// The replica that wrote it.
        public let replica: String
        /// That replica's counter for the write.
        public let counter: UInt64
        /// The value written (NULL for a delete; `1`/`0` on `_live`).
        public let value: FieldValue
        /// Whether the write was a delete of the row.
        public let isDelete: Bool
        /// Whether every replica shows this side until the conflict is resolved (the greatest dot).
        public let shown: Bool

        /// The side as `replica:counter`, the form `farelegami conflicts resolve --take` accepts.
        public var dot: String { "\(replica):\(counter)" }
    }

    /// The conflict on `column` of `state`, opened at `openedAt`.
    ///
    /// A side is a delete when its dot also wrote `live = 0`: a delete writes every field under one dot.
    public init(column: String, state: RowVersion, openedAt: String) {
        if state.isContestedDelete {
            self.init(contested: state, openedAt: openedAt)
        } else {
            self.init(field: column, state: state, openedAt: openedAt)
        }
    }

    /// A conflict on one field (or on `_live` between two writes that are not a contested delete).
    private init(field column: String, state: RowVersion, openedAt: String) {
        let register = column == RowVersion.liveColumn ? state.live : (state.fields[column] ?? [])
        let deletes = Set(state.live.filter { $0.value == .integer(0) }.map(\.dot))
        let winner = Register.winner(of: register)?.dot
        self.table = state.table
        self.rowID = state.id
        self.column = column
        self.site = state.owningSite
        self.openedAt = openedAt
        self.rowDeleted = !state.isLive
        self.sides = register.map { sibling in
            Side(
                replica: sibling.dot.replica.rawValue, counter: sibling.dot.counter, value: sibling.value,
                isDelete: deletes.contains(sibling.dot), shown: sibling.dot == winner)
        }
    }
}

extension ConflictReport {
    /// An edit (or re-insert) against a delete, one conflict on the row's existence (`_live`): the
    /// deletes and the writes they did not see (value 1: they kept the row); a delete is shown, as
    /// the row is deleted on every replica until someone resolves it.
    init(contested state: RowVersion, openedAt: String) {
        let writes = state.contestingWrites
        let deletes = Set(writes.deletes)
        let shown = writes.deletes.last
        self.table = state.table
        self.rowID = state.id
        self.column = RowVersion.liveColumn
        self.site = state.owningSite
        self.openedAt = openedAt
        self.rowDeleted = true
        self.sides = (writes.deletes + writes.unseen.map(\.dot)).sorted().map { dot in
            Side(
                replica: dot.replica.rawValue, counter: dot.counter, value: deletes.contains(dot) ? .null : .integer(1),
                isDelete: deletes.contains(dot), shown: dot == shown)
        }
    }
}
