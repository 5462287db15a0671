import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

/// Local row versions waiting for the server's acknowledgement, read as the change set that pushes them.
public struct OutboxBatch: Sendable {
    /// The rows of the batch, oldest change first.
    public let keys: [RowKey]
    /// For each row, the local sequence of the version sent: acknowledging removes an outbox entry
    /// only if the row has not changed again since.
    let sequences: [UInt64]
    /// The change set document carrying the rows' states as wire JSON.
    public let changeSet: ChangeSetDocument
    /// The replica's newest writes not acknowledged yet, which the push names so that the server can
    /// tell a copy of this replica reusing their counters (`POST /v1/push?cuts=`).
    public let cuts: [Cut]
    /// The outbox position the batch was read after.
    let after: UInt64

    /// How many rows the batch holds.
    public var count: Int { keys.count }
    /// The outbox position after this batch: pass it to `nextOutboxBatch(after:limit:)` for the next.
    public var lastSequence: UInt64 { sequences.last ?? 0 }
}

extension Replica {
    /// The next `limit` rows with local versions the server has not acknowledged, queued after outbox
    /// position `after` (0: from the start), after cutting versions of up to `limit` pending local
    /// writes (they queue behind the rest: a long backlog is cut batch by batch as it is pushed).
    /// Reading past a batch not yet acknowledged lets a sync prepare one batch while another is sent.
    public func nextOutboxBatch(after: UInt64 = 0, limit: Int) throws(ReplicaError) -> OutboxBatch {
        try ReplicaError.wrap("reading local changes to push") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction(limit: limit)
                let batch = try readOutbox(after: after, limit: limit)
                // Dirty rows whose writes changed nothing cut to no version: never stop short of the rest.
                guard batch.count == 0, try connection.query("SELECT 1 FROM _fl_dirty LIMIT 1").count > 0 else {
                    return batch
                }
                _ = try cutLocalVersionsInTransaction()
                return try readOutbox(after: after, limit: limit)
            }
        }
    }

    private func readOutbox(after: UInt64, limit: Int) throws -> OutboxBatch {
        var keys: [RowKey] = []
        var sequences: [UInt64] = []
        var document = WireJSON.ChangeSetBuilder(expectedBytes: limit * 400)
        let statement = try connection.prepare(
            "SELECT o.tbl, o.rid, o.seq, r.state FROM _fl_outbox o JOIN _fl_row r ON r.tbl = o.tbl AND r.rid = o.rid "
                + "WHERE o.seq > ?1 ORDER BY o.seq LIMIT ?2"
        ).bind([.integer(Int64(clamping: after)), .integer(Int64(limit))])
        defer { _ = try? statement.bind([]) }
        while try statement.step() {
            let key = RowKey(table: statement.text(at: 0) ?? "", id: statement.text(at: 1) ?? "")
            keys.append(key)
            sequences.append(UInt64(statement.int64(at: 2)))
            do {
                try statement.withBytes(at: 3) { try document.appendRow(state: $0, table: key.table, id: key.id) }
            } catch let error as RowVersionJSON.Malformed {
                throw ReplicaError.damagedState(table: key.table, id: key.id, detail: error.description)
            }
        }
        try appendRetainedViews(of: keys, to: &document)
        return OutboxBatch(
            keys: keys, sequences: sequences,
            changeSet: ChangeSetDocument(
                bytes: document.finish(schemaVersion: catalog.schemaVersion, origin: try currentIdentity(), site: site)),
            cuts: try unacknowledgedCuts(), after: after)
    }

    /// Records that the server stored `batch`: its rows leave the outbox unless they changed again.
    public func acknowledge(_ batch: OutboxBatch) throws(ReplicaError) {
        guard let last = batch.sequences.last else { return }
        // The batch was every outbox entry in (after, last] when it was read; an entry cut again since
        // has a higher sequence now, so it stays (one range delete instead of one per row).
        try ReplicaError.wrap("recording the server's acknowledgement") {
            try connection.transaction {
                try connection.run(
                    "DELETE FROM _fl_outbox WHERE seq > ?1 AND seq <= ?2",
                    [.integer(Int64(clamping: batch.after)), .integer(Int64(clamping: last))])
                try recordAcknowledgedIfOutboxEmpty()
            }
        }
    }

    /// How many rows have local versions the server has not acknowledged (pending writes included).
    public func unpushedCount() throws(ReplicaError) -> Int {
        try ReplicaError.wrap("counting local changes") {
            let outbox = try connection.query("SELECT count(*) FROM _fl_outbox")[0][0].integer ?? 0
            // Rows written since the last cut: folded (_fl_dirty) or still in the capture log.
            let dirty = try connection.query(
                "SELECT count(*) FROM (SELECT tbl, rid FROM _fl_dirty UNION SELECT tbl, rid FROM _fl_log) d "
                    + "WHERE NOT EXISTS (SELECT 1 FROM _fl_outbox o WHERE o.tbl = d.tbl AND o.rid = d.rid)")[0][0].integer ?? 0
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

extension Replica {
    /// Adds to a batch the retained views held for its rows (one query a batch; the table holds only
    /// the rows contested now, usually none), so the server learns what keeping them brings back.
    private func appendRetainedViews(of keys: [RowKey], to document: inout WireJSON.ChangeSetBuilder) throws {
        let statement = try connection.prepare("SELECT tbl, rid, state FROM _fl_retained")
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return }
        let batch = Set(keys)
        repeat {
            let key = RowKey(table: statement.text(at: 0) ?? "", id: statement.text(at: 1) ?? "")
            guard batch.contains(key) else { continue }
            do {
                try statement.withBytes(at: 2) { try document.appendRow(state: $0, table: key.table, id: key.id, retained: true) }
            } catch let error as RowVersionJSON.Malformed {
                throw ReplicaError.damagedState(table: key.table, id: key.id, detail: error.description)
            }
        } while try statement.step()
    }

    /// The retained views held for `rows` (rows of a change set being exported).
    func retainedViews(of rows: [RowVersion]) throws -> [RowVersion] {
        let statement = try connection.prepare("SELECT tbl, rid, state FROM _fl_retained")
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return [] }
        let keys = Set(rows.map { RowKey(table: $0.table, id: $0.id) })
        var views: [RowVersion] = []
        repeat {
            let table = statement.text(at: 0) ?? "", id = statement.text(at: 1) ?? ""
            guard keys.contains(RowKey(table: table, id: id)) else { continue }
            views.append(try statement.withBytes(at: 2) { try RowStateCoding.decode($0, table: table, id: id) })
        } while try statement.step()
        return views
    }
}
