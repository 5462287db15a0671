import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// The retained view this replica holds for a row (the state of the side that was still live
    /// when an edit met a delete; see `RetainedView`), or nil.
    public func retainedView(table: String, id: String) throws(ReplicaError) -> RowVersion? {
        try ReplicaError.wrap("reading the retained copy of \(table)/\(id)") { try loadRetained(table: table, id: id) }
    }

    func loadRetained(table: String, id: String) throws -> RowVersion? {
        let statement = try connection.prepare("SELECT state FROM _fl_retained WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(table), .text(id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return nil }
        return try statement.withBytes(at: 0) { bytes in try RowStateCoding.decode(bytes, table: table, id: id) }
    }

    /// Joins `gained` into the row's retained view, if `state` (the row's stored state) is a
    /// contested delete; a row that is not contested keeps no view.
    func holdRetained(_ gained: RowVersion, for state: RowVersion) throws {
        guard state.isContestedDelete, gained.table == state.table, gained.id == state.id, gained.isLive else { return }
        let held = try loadRetained(table: state.table, id: state.id)
        guard let joined = RetainedView.join(held, gained), joined != held else { return }
        let statement = try connection.prepare(
            "INSERT INTO _fl_retained (tbl, rid, state) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET state = excluded.state"
        ).bind([.text(state.table), .text(state.id)])
        try statement.bindText(RowStateCoding.encode(joined), at: 3)
        try statement.run()
    }

    /// Drops the row's retained view: the row is no longer contested (its values must not stay).
    func dropRetained(table: String, id: String) throws {
        try connection.run("DELETE FROM _fl_retained WHERE tbl = ?1 AND rid = ?2", [.text(table), .text(id)])
    }
}
