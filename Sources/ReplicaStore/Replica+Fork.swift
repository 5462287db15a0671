import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

/// What `forkIdentity` did: the replica's old and new ids and how many rows it queued again.
public struct ForkOutcome: Sendable, Equatable, Codable {
    /// The id the replica had, which its other copy keeps.
    public let previous: ReplicaID
    /// The id it syncs as from now on.
    public let current: ReplicaID
    /// Rows holding writes the server has not acknowledged to this copy, stamped again under the new
    /// id and queued for the next push.
    public let restampedRows: Int
}

extension Replica {
    /// Makes this replica, found to be a copy of itself (a file restored from an older copy, or a
    /// second machine started from the same file), a new replica, in one transaction.
    ///
    /// Its writes at or below the last counter the server acknowledged to it are the past it shares
    /// with the other copy and keep their names. Every later write may reuse a counter the other copy
    /// used for something else, so it is stamped again under a new random id (counter `c` becomes
    /// `c - acknowledged`: `RowVersion.restamping`) in every row state, retained view, write time and
    /// cut, and its rows are queued for the next push. The domain rows show the restamped states
    /// (a conflict's shown side may change), the other copy's writes become concurrent ones, and
    /// nothing either copy wrote is lost. `alsoInTransaction` runs in the same transaction: the sync
    /// resets its pull cursor there, so that the new replica receives everything, the other copy's
    /// writes included.
    ///
    /// - Throws: `ReplicaError.database` when the file cannot be written; nothing is changed then.
    public func forkIdentity(alsoInTransaction: () throws -> Void = {}) throws(ReplicaError) -> ForkOutcome {
        try ReplicaError.wrap("giving this copy of the replica a new identity") {
            try connection.transaction {
                let old = try currentIdentity()
                let new = ReplicaID.random()
                let threshold = try metaNumber(MetaKey.acknowledgedCounter)
                let counter = try metaNumber(MetaKey.counter)
                var sequence = try metaNumber(MetaKey.sequence)
                heldBack = try loadQuarantine()
                let rows = try restampedStates(in: "_fl_row", old: old, threshold: threshold, new: new)
                let retained = try restampedStates(in: "_fl_retained", old: old, threshold: threshold, new: new)
                try withCaptureOff {
                    for (before, after) in rows {
                        sequence += 1
                        try store(after, previous: PreviousState(before), sequence: sequence)
                        try queueForPush(table: after.table, id: after.id, sequence: sequence)
                    }
                    for (_, after) in retained {
                        let statement = try connection.prepare(
                            "UPDATE _fl_retained SET state = ?3 WHERE tbl = ?1 AND rid = ?2"
                        ).bind([.text(after.table), .text(after.id)])
                        try statement.bindText(RowStateCoding.encode(after), at: 3)
                        try statement.run()
                    }
                }
                let renumber: [SQLValue] = [.text(new.rawValue), .integer(Int64(clamping: threshold)), .text(old.rawValue)]
                try connection.run(
                    "UPDATE _fl_dot_time SET replica_id = ?1, counter = counter - ?2 WHERE replica_id = ?3 AND counter > ?2",
                    renumber)
                try connection.run("DELETE FROM _fl_cut WHERE counter <= ?1", [.integer(Int64(clamping: threshold))])
                try connection.run("UPDATE _fl_cut SET counter = counter - ?1", [.integer(Int64(clamping: threshold))])
                // Both ids name this office in conflicts: the old one's writes are its past.
                let now = Self.timestamp(Date())
                for id in [old, new] {
                    try connection.run(
                        "INSERT INTO _fl_replica (replica_id, site_id, first_seen) VALUES (?1, ?2, ?3) "
                            + "ON CONFLICT (replica_id) DO NOTHING",
                        [.text(id.rawValue), .text(site), .text(now)])
                }
                try setMeta(MetaKey.replicaID, new.rawValue)
                try setMetaNumber(MetaKey.counter, counter > threshold ? counter - threshold : 0)
                try setMetaNumber(MetaKey.acknowledgedCounter, 0)
                try setMetaNumber(MetaKey.sequence, sequence)
                try setMeta(MetaKey.forkedFrom, old.rawValue)
                try setMeta(MetaKey.forkedAt, now)
                try alsoInTransaction()
                replicaID = new
                return ForkOutcome(previous: old, current: new, restampedRows: rows.count)
            }
        }
    }

    /// The states in `table` (`_fl_row` or `_fl_retained`) holding writes of `old` above `threshold`,
    /// before and after restamping them as writes of `new`.
    private func restampedStates(in table: String, old: ReplicaID, threshold: UInt64, new: ReplicaID) throws
        -> [(before: RowVersion, after: RowVersion)]
    {
        let statement = try connection.prepare("SELECT tbl, rid, state FROM \(table)")
        defer { _ = try? statement.bind([]) }
        var found: [(RowVersion, RowVersion)] = []
        while try statement.step() {
            let tableName = statement.text(at: 0) ?? "", id = statement.text(at: 1) ?? ""
            let state = try statement.withBytes(at: 2) { try RowStateCoding.decode($0, table: tableName, id: id) }
            if let restamped = state.restamping(old, above: threshold, as: new) { found.append((state, restamped)) }
        }
        return found
    }
}
