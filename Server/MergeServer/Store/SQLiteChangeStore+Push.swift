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
        var opened = 0
        for start in stride(from: 0, to: plan.writes.count, by: Self.rowsPerTransaction) {
            let batch = plan.writes[start..<min(start + Self.rowsPerTransaction, plan.writes.count)]
            opened += try ServerError.wrap("storing the pushed rows") {
                try connection.transaction {
                    var sequence = try latestSequence()
                    var opened = 0
                    for write in batch {
                        sequence += 1
                        opened += try storeRow(
                            write, formerOwners: formerOwners[write.key] ?? [], sequence: sequence, at: time)
                    }
                    try setLatestSequence(sequence)
                    return opened
                }
            }
        }
        return try ServerError.wrap("recording the push") {
            try connection.run(
                "UPDATE replicas SET last_push_at = ? WHERE replica_id = ?", [.text(time), .text(changeSet.origin.rawValue)])
            return PushReceipt(
                received: plan.received, changed: plan.writes.count, conflictsOpened: opened,
                latestSequence: try latestSequence())
        }
    }
}
