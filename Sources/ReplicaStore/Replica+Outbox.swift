import SQLiteDatabase
import SyncCore

/// Local row versions waiting for the server's acknowledgement.
public struct OutboxBatch: Sendable {
    /// The row versions to push, oldest change first.
    public let rows: [RowVersion]
    /// For each row, the local sequence of the version sent: acknowledging removes an outbox entry
    /// only if the row has not changed again since.
    let sequences: [UInt64]
}

extension Replica {
    /// The next `limit` rows with local versions the server has not acknowledged, after cutting a
    /// version of any pending local write.
    public func nextOutboxBatch(limit: Int) throws(ReplicaError) -> OutboxBatch {
        try ReplicaError.wrap("reading local changes to push") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction()
                var rows: [RowVersion] = []
                var sequences: [UInt64] = []
                let statement = try connection.prepare(
                    "SELECT r.state, o.seq FROM _fl_outbox o JOIN _fl_row r ON r.tbl = o.tbl AND r.rid = o.rid "
                        + "ORDER BY o.seq LIMIT ?1"
                ).bind([.integer(Int64(limit))])
                while try statement.step() {
                    rows.append(try statement.withBytes(at: 0) { try RowStateCoding.decode($0) })
                    sequences.append(UInt64(statement.int64(at: 1)))
                }
                return OutboxBatch(rows: rows, sequences: sequences)
            }
        }
    }

    /// Records that the server stored `batch`: its rows leave the outbox unless they changed again.
    public func acknowledge(_ batch: OutboxBatch) throws(ReplicaError) {
        try ReplicaError.wrap("recording the server's acknowledgement") {
            try connection.transaction {
                for (row, sequence) in zip(batch.rows, batch.sequences) {
                    try connection.run(
                        "DELETE FROM _fl_outbox WHERE tbl = ?1 AND rid = ?2 AND seq <= ?3",
                        [.text(row.table), .text(row.id), .integer(Int64(sequence))])
                }
            }
        }
    }

    /// How many rows have local versions the server has not acknowledged (pending writes included).
    public func unpushedCount() throws(ReplicaError) -> Int {
        try ReplicaError.wrap("counting local changes") {
            let outbox = try connection.query("SELECT count(*) FROM _fl_outbox")[0][0].integer ?? 0
            let dirty = try connection.query(
                "SELECT count(*) FROM _fl_dirty d WHERE NOT EXISTS "
                    + "(SELECT 1 FROM _fl_outbox o WHERE o.tbl = d.tbl AND o.rid = d.rid)")[0][0].integer ?? 0
            return Int(outbox + dirty)
        }
    }

    /// Queues every row this replica holds for the next push: used when the server lost data (it was
    /// restored from an older backup), so that it gets back what it had acknowledged.
    public func requeueEverything() throws(ReplicaError) {
        try ReplicaError.wrap("queueing every row for push") {
            try connection.run("INSERT OR IGNORE INTO _fl_outbox (tbl, rid, seq) SELECT tbl, rid, seq FROM _fl_row")
        }
    }
}
