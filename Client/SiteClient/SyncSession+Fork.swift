import ReplicaStore
import SyncProtocol

/// Error codes of the server this client acts on.
enum ServerErrorCode {
    /// A push named a write the server holds from the same replica with other content: the pushing
    /// replica is a second copy of a replica file (protocol/SYNC.md, "Restored and copied replicas").
    static let replicaForked = "replica_forked"
}

extension SyncSession {
    /// The handshake, with the replica's own past: when the server (or this client, from the counter
    /// the server holds) finds the replica behind its own past, it forks and says hello again as
    /// the new replica, before anything is pushed or pulled. It reports the rows held back (`heldBack`).
    func handshake(into summary: inout SyncSummary, heldBack: HeldBackReport) throws(SyncError) -> HandshakeReply {
        let lineage = try replicaCall { try replica.lineage() }
        let hello = try api.handshake(replica: replica.replicaID, lineage: lineage, heldBack: heldBack)
        let behind = lineage.counter < (hello.acknowledgedCounter ?? 0)
        guard hello.forked == true || behind else { return hello }
        return try fork(into: &summary)
    }

    /// Gives the replica a new identity (its writes the server has not acknowledged to it stamped
    /// again, its pull cursor back to 0, both in one transaction), tells the server which replica it
    /// took over from, and says so in the summary.
    @discardableResult
    func fork(into summary: inout SyncSummary) throws(SyncError) -> HandshakeReply {
        let outcome = try replicaCall {
            try replica.forkIdentity { try SyncRecord.restartPull(in: replica) }
        }
        summary.fork = outcome
        summary.notices.append(Self.forkNotice(outcome))
        let lineage = try replicaCall { try replica.lineage() }
        return try api.handshake(
            replica: outcome.current, lineage: lineage, forkedFrom: outcome.previous, heldBack: try heldBackReport())
    }

    /// The words for a fork, as the sync's log line and `status` say them.
    static func forkNotice(_ outcome: ForkOutcome) -> String {
        let resent = outcome.restampedRows == 0
            ? "" : "\(outcome.restampedRows) row(s) with writes the server had not received are sent again under the new name, and "
        return "this replica was restored from an older copy (or another copy of the same file synced first); "
            + "it now syncs as \(outcome.current) (was \(outcome.previous)): \(resent)it pulls everything again; nothing is lost"
    }
}
