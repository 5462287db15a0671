import SyncCore
import SyncProtocol

extension Replica {
    /// Every open conflict on this replica, oldest first, as a person reads it (`ConflictDescription`).
    public func describeOpenConflicts() throws(ReplicaError) -> [ConflictDescription] {
        try openConflicts().map(describe)
    }

    /// `conflict` as a person reads it: the row named from the catalog's naming columns, the row's
    /// other fields, each side named by the office that wrote it and when (`SideLabel`).
    public func describe(_ conflict: OpenConflict) -> ConflictDescription {
        let state = try? loadState(table: conflict.table, id: conflict.rowID)
        let values = state.map(Self.shownValues) ?? [:]
        let naming = catalog.namingColumns(of: conflict.table)
        let name = naming.compactMap { column in values[column].flatMap { text(of: $0, column: column, table: conflict.table) } }
        var fields: [ConflictDescription.Field] = []
        for column in catalog.table(named: conflict.table)?.columnNames ?? []
        where !naming.contains(column) && column != conflict.column {
            guard let value = values[column], let text = text(of: value, column: column, table: conflict.table) else { continue }
            fields.append(ConflictDescription.Field(column: column == RowVersion.ownerColumn ? "site" : column, value: text))
        }
        let unsynced = isQueuedForPush(table: conflict.table, id: conflict.rowID)
        let sides = conflict.sides.enumerated().map { offset, side in
            let dot = Dot(replica: ReplicaID(side.replica), counter: side.counter)
            let mine = dot.replica == replicaID
            return ConflictDescription.Side(
                number: offset + 1, side: side,
                label: SideLabel(site: siteOf(dot.replica), isThisOffice: mine, unsynced: mine && unsynced, time: timeOf(dot)),
                isShown: side == conflict.provisionalWinner)
        }
        return ConflictDescription(
            conflict: conflict, rowName: name.isEmpty ? "(unnamed)" : name.joined(separator: ", "), fields: fields,
            sides: sides)
    }

    /// The label of the write `dotText` (`replica:counter`, as `DeleteContest` names writes) on row
    /// `id` of `table`: its office and time.
    public func sideLabel(ofWrite dotText: String, table: String, id: String) -> SideLabel {
        guard let colon = dotText.lastIndex(of: ":"), let counter = UInt64(dotText[dotText.index(after: colon)...]) else {
            return SideLabel(site: nil, isThisOffice: false, unsynced: false, time: nil)
        }
        let dot = Dot(replica: ReplicaID(String(dotText[..<colon])), counter: counter)
        let mine = dot.replica == replicaID
        return SideLabel(
            site: siteOf(dot.replica), isThisOffice: mine, unsynced: mine && isQueuedForPush(table: table, id: id),
            time: timeOf(dot))
    }

    /// Each column's shown value; of a deleted row, the best value no delete wrote (what it showed).
    private static func shownValues(_ state: RowVersion) -> [String: FieldValue] {
        guard !state.isLive else { return state.visibleValues }
        let deletes = Set(state.live.filter { $0.value == .integer(0) }.map(\.dot))
        return state.fields.mapValues { siblings in
            Register.winner(of: siblings.filter { !deletes.contains($0.dot) })?.value ?? .null
        }
    }

    /// `value` as a person reads it; a reference as the name of the row it refers to (two levels
    /// at most); nil for an empty value.
    private func text(of value: FieldValue, column: String, table: String, depth: Int = 0) -> String? {
        guard value != .null, value != .text("") else { return nil }
        guard depth < 2, let target = catalog.table(named: table)?.column(named: column)?.references,
            target != "site", case .text(let id) = value,
            let referenced = try? loadState(table: target, id: id)
        else { return value.description }
        let values = Self.shownValues(referenced)
        let parts = catalog.namingColumns(of: target).compactMap { naming in
            values[naming].flatMap { text(of: $0, column: naming, table: target, depth: depth + 1) }
        }
        return parts.isEmpty ? value.description : parts.joined(separator: ", ")
    }

    /// Whether row `id` of `table` has local writes the server has not acknowledged.
    private func isQueuedForPush(table: String, id: String) -> Bool {
        let found = try? connection.query(
            "SELECT 1 FROM _fl_outbox WHERE tbl = ?1 AND rid = ?2 UNION ALL SELECT 1 FROM _fl_dirty WHERE tbl = ?1 AND rid = ?2 "
                + "UNION ALL SELECT 1 FROM _fl_log WHERE tbl = ?1 AND rid = ?2",
            [.text(table), .text(id)])
        return !(found?.isEmpty ?? true)
    }
}
