import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func push(_ changeSet: ChangeSet, from site: AuthenticatedSite) throws(ServerError) -> PushReceipt {
        var formerOwners: [RowKey: Set<String>] = [:]
        let plan = try ServerError.wrap("reading the stored rows of the push") { () throws -> PushPlan in
            let named = Set(changeSet.rows.flatMap(\.clock.counters.keys)).union([changeSet.origin])
            let replicaSites = try replicaSites(named)
            var stored: [RowKey: RowVersion] = [:]
            var looked = Set<RowKey>()
            for row in changeSet.rows where looked.insert(RowKey(row)).inserted {
                guard let held = try loadRow(RowKey(row)) else { continue }
                stored[RowKey(row)] = held.state
                formerOwners[RowKey(row)] = held.formerOwners
            }
            return try PushPlan.make(
                changeSet, by: site, replicaSites: replicaSites, stored: stored, catalog: catalog)
        }
        let time = timestamp()
        var conflicts = ConflictChanges()
        for start in stride(from: 0, to: plan.writes.count, by: Self.rowsPerTransaction) {
            let batch = plan.writes[start..<min(start + Self.rowsPerTransaction, plan.writes.count)]
            conflicts = try conflicts + ServerError.wrap("storing the pushed rows") {
                try connection.transaction {
                    var sequence = try latestSequence()
                    var changes = ConflictChanges()
                    for write in batch {
                        sequence += 1
                        changes = changes + (try storeRow(
                            write, formerOwners: formerOwners[write.key] ?? [], sequence: sequence, at: time))
                    }
                    try setLatestSequence(sequence)
                    return changes
                }
            }
        }
        let receipt = try ServerError.wrap("recording the push") {
            try connection.run(
                "UPDATE replicas SET last_push_at = ? WHERE replica_id = ?", [.text(time), .text(changeSet.origin.rawValue)])
            try auditPush(changeSet, plan: plan, site: site, opened: conflicts.opened, closed: conflicts.resolved, at: time)
            return PushReceipt(
                received: plan.received, changed: plan.writes.count, conflictsOpened: conflicts.opened,
                latestSequence: try latestSequence())
        }
        metrics?.countPush(
            rowsChanged: receipt.changed, conflictsOpened: conflicts.opened, conflictsResolved: conflicts.resolved)
        return receipt
    }
}
