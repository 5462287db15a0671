import ReplicaStore
import SyncCore
import SyncProtocol
import SyncWire

/// Where an ordered snapshot stands: the server sequence it is taken at (0: not begun), and the
/// table and last key of the last page applied. Kept in the replica's meta, in the transaction of each
/// page, so a sync killed at any point resumes where it stopped.
struct SnapshotPosition: Equatable {
    var upTo: UInt64
    var table: String
    var after: String

    /// The position saved in `replica`, if a snapshot is under way.
    static func saved(in replica: Replica) throws(ReplicaError) -> SnapshotPosition? {
        guard let table = try replica.meta(SyncRecord.Key.snapshotTable) else { return nil }
        return SnapshotPosition(
            upTo: try replica.meta(SyncRecord.Key.snapshotUpTo).flatMap(UInt64.init) ?? 0, table: table,
            after: try replica.meta(SyncRecord.Key.snapshotAfter) ?? "")
    }

    /// Saves this position in `replica`.
    func save(in replica: Replica) throws(ReplicaError) {
        try replica.setMeta(SyncRecord.Key.snapshotUpTo, String(upTo))
        try replica.setMeta(SyncRecord.Key.snapshotTable, table)
        try replica.setMeta(SyncRecord.Key.snapshotAfter, after)
    }
}

extension SyncRecord.Key {
    /// The server sequence an ordered snapshot under way is taken at.
    static let snapshotUpTo = "snapshot_up_to"
    /// The table of the last snapshot page applied.
    static let snapshotTable = "snapshot_table"
    /// The last key of the last snapshot page applied.
    static let snapshotAfter = "snapshot_after"
}

extension SyncRecord {
    /// Makes the next pull start again from the beginning (a new server epoch, a fork, a schema
    /// version that needs the rows again): cursor 0 and no snapshot under way.
    static func restartPull(in replica: Replica) throws(ReplicaError) {
        try replica.setMeta(Key.cursor, "0")
        for key in [Key.snapshotUpTo, Key.snapshotTable, Key.snapshotAfter] { try replica.setMeta(key, nil) }
    }
}

extension SyncSession {
    /// The initial sync of a new replica (cursor 0, no row held) as an ordered snapshot: each synced
    /// table's rows in key order, all as of one server sequence, so domain rows and state rows are
    /// written in key order rather than at random keys; the cursor then moves to that sequence and
    /// ordinary pulls bring what changed since. A replica that already holds rows (its cursor went back
    /// to 0: a new epoch, a fork, a schema version) pulls from 0 instead, whose pages also tell it the
    /// rows to forget (a snapshot holds only what the site has now). A server without the snapshot
    /// (older) answers 404: the pull then starts from 0 as before.
    func pullSnapshot(into summary: inout SyncSummary, progress: ((SyncProgress) -> Void)?) throws(SyncError) {
        let tables = replica.catalog.syncedTables.map(\.name)
        guard let first = tables.first else { return }
        let saved = try replicaCall { try SnapshotPosition.saved(in: replica) }
        if saved == nil, try replicaCall({ try replica.holdsSyncedRows() }) { return }
        var position = saved ?? SnapshotPosition(upTo: 0, table: first, after: "")
        if !tables.contains(position.table) { position = SnapshotPosition(upTo: 0, table: first, after: "") }
        let api = self.api
        let replicaID = replica.replicaID
        let limit = pullPageSize
        let pages = PagePipeline<SnapshotPosition>(
            lane: lane, first: position,
            fetch: { at throws(SyncError) in
                try api.fetchSnapshot(replica: replicaID, table: at.table, after: at.after, upTo: at.upTo, limit: limit)
            },
            following: { ahead, page, at throws(SyncError) in
                try Self.position(after: ahead, or: page, at: at, tables: tables)
            })
        // Never leave a page in flight behind: the lane must be idle when the sync returns.
        defer { pages.drain() }
        while true {
            let ready: PagePipeline<SnapshotPosition>.Ready
            do {
                guard let next = try pages.next() else { break }
                ready = next
            } catch .server(404, "not_found", _) where position.upTo == 0 && summary.pages == 0 {
                return
            }
            try checkStop()
            let page = ready.page
            let next = ready.following
            let upTo = position.upTo == 0 ? page.through : position.upTo
            let applied = try replicaCall {
                try replica.apply(ready.prepared, retained: page.retained ?? []) {
                    if let next {
                        try next.save(in: replica)
                    } else {
                        try SyncRecord.restartPull(in: replica)
                        try replica.setMeta(SyncRecord.Key.cursor, String(upTo))
                    }
                }
            }
            summary.pulled += page.rows.count
            summary.changed += applied.changed
            summary.pages += 1
            summary.cursor = next == nil ? upTo : 0
            progress?(SyncProgress(phase: "snapshot", rows: summary.pulled, pages: summary.pages, cursor: 0, latest: upTo))
            if let next { position = next }
        }
    }

    /// The position after `page` (of the snapshot at `position`): the page's last key while the
    /// table has more, else the next table; nil once the last table is done.
    static func position(after page: PullPage, at position: SnapshotPosition, tables: [String]) throws(SyncError)
        -> SnapshotPosition?
    {
        let upTo = position.upTo == 0 ? page.through : position.upTo
        if page.more {
            // Keys compare as the server orders them: by their UTF-8 bytes.
            guard let last = page.rows.last, last.table == position.table,
                position.after.utf8.lexicographicallyPrecedes(last.id.utf8)
            else {
                throw .badResponse(detail: "a snapshot page of \(position.table) says more rows follow but ends at no later key")
            }
            return SnapshotPosition(upTo: upTo, table: position.table, after: last.id)
        }
        guard let index = tables.firstIndex(of: position.table), index + 1 < tables.count else { return nil }
        return SnapshotPosition(upTo: upTo, table: tables[index + 1], after: "")
    }

    /// The position after a page (of the snapshot at `position`), from its headers when it has them,
    /// else from its document; nil once the snapshot is done. A first page taken at sequence 0 ends
    /// it: the server has never held a row, so no table has any (a new office's first syncs against
    /// a new server ask for one page, not one per table).
    static func position(after ahead: PageAhead?, or page: PullPage?, at position: SnapshotPosition, tables: [String])
        throws(SyncError) -> SnapshotPosition?
    {
        if position.upTo == 0, (ahead?.through ?? page?.through) == 0 { return nil }
        if let ahead { return try Self.position(after: ahead, at: position, tables: tables) }
        guard let page else { return nil }
        return try Self.position(after: page, at: position, tables: tables)
    }

    /// The position after a page (of the snapshot at `position`) as its headers give it: the last key
    /// the server read while the table has more (which may lie past the page's last row), else the
    /// next table; nil once the last table is done.
    static func position(after ahead: PageAhead, at position: SnapshotPosition, tables: [String]) throws(SyncError)
        -> SnapshotPosition?
    {
        let upTo = position.upTo == 0 ? ahead.through : position.upTo
        if ahead.more {
            guard let after = ahead.after, position.after.utf8.lexicographicallyPrecedes(after.utf8) else {
                throw .badResponse(detail: "a snapshot page of \(position.table) says more rows follow but names no later key")
            }
            return SnapshotPosition(upTo: upTo, table: position.table, after: after)
        }
        guard let index = tables.firstIndex(of: position.table), index + 1 < tables.count else { return nil }
        return SnapshotPosition(upTo: upTo, table: tables[index + 1], after: "")
    }
}
