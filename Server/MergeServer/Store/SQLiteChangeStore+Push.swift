import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func push(_ changeSet: ChangeSet, cuts: [Cut] = [], from site: AuthenticatedSite) throws(ServerError)
        -> PushReceipt
    {
        var formerOwners: [RowKey: Set<String>] = [:]
        // One read transaction for all the lookups: outside one, every SELECT takes and drops the file lock.
        let plan = try ServerError.wrap("reading the stored rows of the push") { () throws -> PushPlan in
            try connection.transaction {
                let plan = try makePlan(for: changeSet, by: site, formerOwners: &formerOwners)
                // Authorized as the origin's own push: a write it names under a counter the server
                // holds with another tag comes from a second copy of the replica, which must fork.
                if try firstMismatchedCut(of: changeSet.origin, in: cuts) != nil || retiredAt(of: changeSet.origin.rawValue) != nil {
                    throw ServerError.replicaForked(changeSet.origin.rawValue)
                }
                return plan
            }
        }
        return try store(plan, of: changeSet, cuts: cuts, from: site, formerOwners: formerOwners)
    }

    private func makePlan(for changeSet: ChangeSet, by site: AuthenticatedSite, formerOwners: inout [RowKey: Set<String>])
        throws -> PushPlan
    {
        let named = Set(changeSet.rows.flatMap { $0.clock.entries.map(\.replica) }).union([changeSet.origin])
        let replicaSites = try replicaSites(named)
        var stored: [RowKey: RowVersion] = [:]
        var storedRetained: [RowKey: RowVersion] = [:]
        var looked = Set<RowKey>()
        for row in changeSet.rows where looked.insert(RowKey(row)).inserted {
            guard let held = try loadRow(RowKey(row)) else { continue }
            stored[RowKey(row)] = held.state
            formerOwners[RowKey(row)] = held.formerOwners
            // Only a contested row has a retained view: no look-up for any other.
            if held.state.isContestedDelete, let view = try loadRetained(RowKey(row)) { storedRetained[RowKey(row)] = view }
        }
        return try PushPlan.make(
            changeSet, by: site, replicaSites: replicaSites, stored: stored, formerOwners: formerOwners,
            storedRetained: storedRetained, catalog: catalog)
    }

    private func store(
        _ plan: PushPlan, of changeSet: ChangeSet, cuts: [Cut], from site: AuthenticatedSite,
        formerOwners: [RowKey: Set<String>]
    ) throws(ServerError) -> PushReceipt {
        let time = timestamp()
        var conflicts = ConflictChanges()
        var receipt = PushReceipt(received: plan.received, changed: plan.writes.count, conflictsOpened: 0, latestSequence: 0)
        // Bounded transactions; the last one also records the push (its time and audit entry), so a
        // push costs one commit (one fsync) when it fits in one.
        for start in stride(from: 0, through: plan.writes.count, by: Self.rowsPerTransaction) {
            let batch = plan.writes[start..<min(start + Self.rowsPerTransaction, plan.writes.count)]
            let isLast = start + Self.rowsPerTransaction > plan.writes.count
            try ServerError.wrap("storing the pushed rows") {
                try connection.transaction {
                    var sequence = try latestSequence()
                    for write in batch {
                        sequence += 1
                        conflicts = conflicts + (try storeRow(
                            write, formerOwners: formerOwners[write.key] ?? [], sequence: sequence, at: time))
                    }
                    if !batch.isEmpty { try setLatestSequence(sequence) }
                    guard isLast else { return }
                    try connection.run(
                        "UPDATE replicas SET last_push_at = ? WHERE replica_id = ?",
                        [.text(time), .text(changeSet.origin.rawValue)])
                    try recordDotTimes(origin: changeSet.origin, counters: plan.originCounters, at: time)
                    try recordCuts(cuts, of: changeSet.origin)
                    try auditPush(
                        changeSet, plan: plan, site: site, opened: conflicts.opened, closed: conflicts.resolved, at: time)
                    receipt.conflictsOpened = conflicts.opened
                    receipt.latestSequence = sequence
                }
            }
        }
        metrics?.countPush(
            rowsChanged: receipt.changed, conflictsOpened: conflicts.opened, conflictsResolved: conflicts.resolved)
        return receipt
    }
}
