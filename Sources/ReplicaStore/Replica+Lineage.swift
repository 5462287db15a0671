import SQLiteDatabase
import SyncProtocol

/// What a replica tells the server of its own past at each handshake: the counter of its last write
/// and the tags of its writes not yet acknowledged to it.
public struct Lineage: Sendable, Equatable {
    /// The counter of the replica's last write.
    public let counter: UInt64
    /// Its newest writes the server has not acknowledged (at most `Cut.maxPerRequest`, oldest first).
    public let cuts: [Cut]
}

extension Replica {
    /// The replica's counter and its unacknowledged writes' tags, for the handshake.
    public func lineage() throws(ReplicaError) -> Lineage {
        try ReplicaError.wrap("reading this replica's own writes") {
            try connection.transaction { Lineage(counter: try metaNumber(MetaKey.counter), cuts: try unacknowledgedCuts()) }
        }
    }

    /// Records that this replica made its write `counter` now, with a fresh random tag (inside the
    /// transaction that cuts it).
    func recordOwnCut(_ counter: UInt64) throws {
        try recordOwnDotTime(counter)
        let cut = Cut.random(counter: counter)
        try connection.run(
            "INSERT OR REPLACE INTO _fl_cut (counter, tag) VALUES (?1, ?2)",
            [.integer(Int64(clamping: cut.counter)), .text(cut.tag)])
    }

    /// The newest `Cut.maxPerRequest` writes not acknowledged yet, oldest first.
    func unacknowledgedCuts() throws -> [Cut] {
        try connection.query(
            "SELECT counter, tag FROM (SELECT counter, tag FROM _fl_cut ORDER BY counter DESC LIMIT ?1) ORDER BY counter",
            [.integer(Int64(Cut.maxPerRequest))]
        ).compactMap { row in
            guard let counter = row[0].integer, let tag = row[1].text else { return nil }
            return Cut(counter: UInt64(counter), tag: tag)
        }
    }

    /// When the outbox is empty, every write this replica made is acknowledged: records its counter
    /// as acknowledged and forgets the tags (inside the acknowledging transaction).
    func recordAcknowledgedIfOutboxEmpty() throws {
        guard try connection.query("SELECT 1 FROM _fl_outbox LIMIT 1").isEmpty else { return }
        try setMetaNumber(MetaKey.acknowledgedCounter, try metaNumber(MetaKey.counter))
        try connection.run("DELETE FROM _fl_cut")
    }

    /// A replica made before copies were told apart has no acknowledged counter: when its outbox is
    /// empty, every write it made is acknowledged (what a sync that emptied it would record).
    func recordAcknowledgedCounterIfUnset() throws {
        guard try meta(MetaKey.acknowledgedCounter) == nil else { return }
        try connection.transaction {
            guard try meta(MetaKey.acknowledgedCounter) == nil else { return }
            try recordAcknowledgedIfOutboxEmpty()
        }
    }

    /// This replica's id as the file says now (another process may have forked it since it was
    /// opened), kept in `replicaID`.
    func currentIdentity() throws -> ReplicaID {
        if let stored = try connection.query("SELECT value FROM _fl_meta WHERE key = ?1", [.text(MetaKey.replicaID)])
            .first?[0].text, stored != replicaID.rawValue
        {
            replicaID = ReplicaID(stored)
        }
        return replicaID
    }
}
