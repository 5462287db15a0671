import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

extension SQLiteChangeStore {
    /// Keeps the row's retained view in step with a write: stores the view the plan joined while
    /// the row is a contested delete, and drops the view once it is not (resolved either way, deleted again
    /// by a write that saw everything, or re-inserted), so an uncontested delete leaves no value.
    /// Costs no statement for a row that is neither contested now nor was before.
    func refreshRetained(of write: PushPlan.Write) throws {
        let key = write.key
        guard write.merged.isContestedDelete else {
            if write.previous?.isContestedDelete == true {
                try connection.run("DELETE FROM retained WHERE tbl = ?1 AND rid = ?2", [.text(key.table), .text(key.id)])
            }
            return
        }
        guard let joined = write.retained else { return }
        let statement = try connection.prepare(
            "INSERT INTO retained (tbl, rid, state) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET state = excluded.state"
        ).bind([.text(key.table), .text(key.id)])
        try statement.bindText(RowVersionJSON.encode(joined), at: 3)
        try statement.run()
    }

    /// The retained view stored for `key`, if any.
    func loadRetained(_ key: RowKey) throws -> RowVersion? {
        let statement = try connection.prepare("SELECT state FROM retained WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(key.table), .text(key.id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return nil }
        return try statement.withBytes(at: 0) { try decodeState($0, key: key) }
    }

    /// The keys of every row with a retained view: read once per pull page (the table holds only
    /// the rows contested now, usually none), so the rows of a page cost no look-up of their own.
    func retainedKeys() throws -> Set<RowKey> {
        var keys = Set<RowKey>()
        for row in try connection.query("SELECT tbl, rid FROM retained") {
            keys.insert(RowKey(table: row[0].text ?? "", id: row[1].text ?? ""))
        }
        return keys
    }
}
