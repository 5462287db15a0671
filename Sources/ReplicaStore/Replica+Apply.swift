import SQLiteDatabase
import SyncCore
import SyncProtocol

/// What applying a batch of remote row versions did.
public struct ApplySummary: Sendable, Equatable {
    /// Row versions received.
    public var received = 0
    /// Rows whose state changed.
    public var changed = 0
    /// Rows skipped because they are another site's personal data (site-class), which this replica
    /// must never hold.
    public var refused = 0
    /// Conflicts open after the batch that were not open before.
    public var conflictsOpened = 0
    /// Rows removed because this replica may no longer hold them.
    public var forgotten = 0

    /// An empty summary.
    public init() {}
}

extension Replica {
    /// Merges remote row versions into the replica in one transaction.
    ///
    /// Local writes not yet versioned are cut first, so they take part in the merge. `extra` runs in
    /// the same transaction after the merge (the sync client saves its cursor there), so the batch
    /// and its bookkeeping commit together or not at all.
    ///
    /// - Throws: `ReplicaError`; on any error nothing of the batch is applied.
    /// - Parameters:
    ///   - forget: rows this replica must no longer hold (a household the central office moved
    ///     to another site): removed with their state, conflicts and pending pushes.
    ///   - retained: retained views of contested rows (a pull page's `retained`): each is kept, joined
    ///     with any held, when its row is a contested delete here after the merge, else ignored.
    @discardableResult
    public func apply(
        _ rows: [RowVersion], forget: [(table: String, id: String)] = [], retained: [RowVersion] = [],
        extra: () throws -> Void = {}
    ) throws(ReplicaError) -> ApplySummary {
        try apply(rows.map { ($0, nil) }, forget: forget, retained: retained, extra: extra)
    }

    /// `apply(_:forget:retained:extra:)` for rows whose states are already encoded for storage
    /// (`PreparedRows`): a row new here is stored so, not encoded again.
    @discardableResult
    public func apply(
        _ prepared: PreparedRows, forget: [(table: String, id: String)] = [], retained: [RowVersion] = [],
        extra: () throws -> Void = {}
    ) throws(ReplicaError) -> ApplySummary {
        try apply(prepared.entries.map { ($0.row, $0.state) }, forget: forget, retained: retained, extra: extra)
    }

    private func apply(
        _ rows: [(row: RowVersion, state: [UInt8]?)], forget: [(table: String, id: String)], retained: [RowVersion],
        extra: () throws -> Void
    ) throws(ReplicaError) -> ApplySummary {
        try ReplicaError.wrap("applying \(rows.count) row versions") {
            try connection.transaction {
                _ = try cutLocalVersionsInTransaction()
                var summary = try merge(rows)
                for view in retained where mayHold(view) {
                    guard let state = try loadState(table: view.table, id: view.id) else { continue }
                    try holdRetained(view, for: state)
                }
                try withCaptureOff {
                    for row in forget { summary.forgotten += try removeRow(table: row.table, id: row.id) ? 1 : 0 }
                }
                try extra()
                return summary
            }
        }
    }

    private func merge(_ rows: [(row: RowVersion, state: [UInt8]?)]) throws -> ApplySummary {
        var summary = ApplySummary()
        var sequence = try metaNumber(MetaKey.sequence)
        // Whether the next row is likely new here: after a row that was, its state is written
        // without a look-up first (the write does nothing if it has one); after one that was not,
        // looked up first. A page of new rows (an initial sync) or of known ones pays no miss.
        var expectNew = true
        // Every value the merge writes to a domain table is one its enumeration allows (`storable`):
        // SQLite need not evaluate the tables' CHECKs again.
        try withCaptureOff { try connection.withoutCheckConstraints {
            for (remote, encoded) in rows {
                summary.received += 1
                guard mayHold(remote) else {
                    summary.refused += 1
                    continue
                }
                if expectNew, let encoded {
                    if let opened = try storeIfNew(remote, encoded: encoded, sequence: sequence + 1) {
                        sequence += 1
                        if opened { summary.conflictsOpened += 1 }
                        summary.changed += 1
                        continue
                    }
                    expectNew = false
                }
                // The state read is held nowhere else: the merge changes it in place.
                var state = try loadState(table: remote.table, id: remote.id)
                let previous = PreviousState(state)
                expectNew = state == nil
                // Only a merge of a live with a deleted side can contest a delete: keep the state
                // as it was for `RetainedView` (a copy only then).
                let before = state.flatMap { $0.isLive != remote.isLive ? $0 : nil }
                if state == nil {
                    state = remote
                } else if !state!.merge(remote) {
                    continue
                }
                if let before, let gained = RetainedView.retained(local: before, remote: remote, merged: state!) {
                    try holdRetained(gained, for: state!)
                }
                sequence += 1
                // A row new here is exactly the remote version: store it as already encoded.
                if try store(state!, previous: previous, sequence: sequence, encoded: previous.existed ? nil : encoded) {
                    summary.conflictsOpened += 1
                }
                summary.changed += 1
            }
        } }
        try setMetaNumber(MetaKey.sequence, sequence)
        return summary
    }

    /// Removes every trace of a row (capture must be off). Returns whether there was one.
    private func removeRow(table: String, id: String) throws -> Bool {
        guard let statements = tables[table], try loadState(table: table, id: id) != nil else { return false }
        try connection.run(statements.delete, [.text(id)])
        for bookkeeping in ["_fl_row", "_fl_conflict", "_fl_outbox", "_fl_dirty", "_fl_log", "_fl_quarantine", "_fl_retained"] {
            try connection.run("DELETE FROM \(bookkeeping) WHERE tbl = ?1 AND rid = ?2", [.text(table), .text(id)])
        }
        return true
    }

    /// Whether this replica may hold the row: site-class rows only at their own site or the central office.
    public func mayHold(_ row: RowVersion) -> Bool {
        catalog.site(site, mayReceive: row)
    }
}
