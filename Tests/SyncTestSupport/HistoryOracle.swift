import SyncCore
import SyncProtocol

/// An oracle that replays a history with explicit causal pasts (sets of writes), independent of the
/// version vectors under test, and says which writes of each field must survive.
///
/// A write survives in a field when no other write of that field has it in its causal past. After
/// every replica has exchanged everything, each field must hold exactly its surviving writes, and it
/// is a conflict exactly when they disagree.
public struct HistoryOracle: Sendable {
    /// One versioned write of a row.
    public struct Event: Sendable {
        /// The dot the implementation gave the write.
        public let dot: Dot
        /// The row written.
        public let row: RowKey
        /// The fields written (`_live` for the row's existence).
        public let writes: [String: FieldValue]
        /// Every write of the row the writer had seen.
        public let past: Set<Dot>
        /// By column, writes in `past` this write does not supersede: the sides of a conflict the
        /// writer could not resolve (its write became one more side).
        public var kept: [String: Set<Dot>] = [:]

        /// Whether this write supersedes `dot` in `column`.
        func supersedes(_ dot: Dot, in column: String) -> Bool {
            past.contains(dot) && !(kept[column]?.contains(dot) ?? false)
        }
    }

    /// Every event, by row and dot (one cut gives every row it versions the same dot).
    public private(set) var events: [RowKey: [Dot: Event]] = [:]
    private var seen: [ReplicaID: [RowKey: Set<Dot>]] = [:]

    /// An empty history.
    public init() {}

    /// Records that `replica` wrote `writes` to `row` under `dot`. A writer that may not resolve the
    /// row's conflicts (`mayResolve` false: a site writing a shared row) supersedes nothing in a
    /// field that was in conflict as it saw it: its write is one more side.
    public mutating func recordWrite(
        _ writes: [String: FieldValue], row: RowKey, dot: Dot, at replica: ReplicaID, mayResolve: Bool = true
    ) {
        let past = knowledge(of: replica, row: row)
        var event = Event(dot: dot, row: row, writes: writes, past: past)
        if !mayResolve {
            for column in writes.keys {
                let seen = survivors(row: row, column: column, among: past)
                if Set(seen.values).count > 1 { event.kept[column] = Set(seen.keys) }
            }
        }
        events[row, default: [:]][dot] = event
        seen[replica, default: [:]][row, default: []].insert(dot)
    }

    /// Records the fields a local write of the implementation wrote.
    public mutating func record(_ write: LocalWrite, row: RowKey, columns: [String], dot: Dot, at replica: ReplicaID) {
        var writes: [String: FieldValue] = [:]
        switch write {
        case .insert(let values):
            writes[RowVersion.liveColumn] = .integer(1)
            for column in columns { writes[column] = values[column] ?? .null }
        case .update(let values):
            writes = values
        case .delete:
            writes[RowVersion.liveColumn] = .integer(0)
            for column in columns where column != RowVersion.ownerColumn { writes[column] = .null }
        }
        recordWrite(writes, row: row, dot: dot, at: replica)
    }

    /// The writes of `row` that `replica` has seen.
    public func knowledge(of replica: ReplicaID, row: RowKey) -> Set<Dot> {
        seen[replica]?[row] ?? []
    }

    /// Records that `replica` received a row state that carried `knowledge`.
    public mutating func receive(_ knowledge: Set<Dot>, row: RowKey, at replica: ReplicaID) {
        seen[replica, default: [:]][row, default: []].formUnion(knowledge)
    }

    /// The writes of `column` of `row` that no other write of it supersedes, with their values.
    public func survivors(row: RowKey, column: String) -> [Dot: FieldValue] {
        survivors(row: row, column: column, among: nil)
    }

    /// The survivors of `column` of `row` among the writes `among` (nil: every write).
    private func survivors(row: RowKey, column: String, among: Set<Dot>?) -> [Dot: FieldValue] {
        let writers = (events[row] ?? [:]).values.filter { $0.writes[column] != nil && among?.contains($0.dot) ?? true }
        var result: [Dot: FieldValue] = [:]
        for event in writers where !writers.contains(where: { $0.supersedes(event.dot, in: column) }) {
            result[event.dot] = event.writes[column]
        }
        return result
    }

    /// Every row the history wrote.
    public var rows: Set<RowKey> { Set(events.keys) }
}
