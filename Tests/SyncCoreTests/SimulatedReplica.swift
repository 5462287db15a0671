import SyncCore
import SyncProtocol
import SyncTestSupport

/// An in-memory replica built only from the core's pure rules: what the SQLite store does, minus I/O.
struct SimulatedReplica {
    let id: ReplicaID
    private(set) var counter: UInt64 = 0
    private(set) var states: [RowKey: RowVersion] = [:]
    /// What an application sees: the live rows' values.
    private(set) var domain: [RowKey: [String: FieldValue]] = [:]
    /// Rows written since the last cut, with the columns written (nil: all).
    private var dirty: [RowKey: Set<String>?] = [:]

    init(id: ReplicaID) { self.id = id }

    mutating func insert(_ row: RowKey, values: [String: FieldValue]) {
        domain[row] = values
        dirty[row] = .some(nil)
    }

    mutating func update(_ row: RowKey, values: [String: FieldValue]) {
        guard domain[row] != nil else { return }
        domain[row]!.merge(values) { $1 }
        if case .some(.some(let columns)) = dirty[row] {
            dirty[row] = columns.union(values.keys)
        } else if dirty[row] == nil {
            dirty[row] = Set(values.keys)
        }
    }

    mutating func delete(_ row: RowKey) {
        domain[row] = nil
        dirty[row] = .some(nil)
    }

    /// Cuts one version of every dirty row under a single new dot, recording each write in `oracle`.
    /// A delete is recorded as a write of every column of `newest` (the newest published catalog,
    /// when the replica is on an older one): a row deleted on an older version is deleted whole.
    mutating func cut(catalog: Catalog, newest: Catalog? = nil, oracle: inout HistoryOracle) {
        guard !dirty.isEmpty else { return }
        counter += 1
        let dot = Dot(replica: id, counter: counter)
        for (row, changed) in dirty.sorted(by: { $0.key < $1.key }) {
            let columns = catalog.table(named: row.table)!.columnNames
            guard let write = LocalWrite.folding(
                previous: states[row], current: domain[row], changedColumns: changed, columns: columns)
            else { continue }
            states[row] = RowVersion.afterLocalWrite(
                write, previous: states[row], table: row.table, id: row.id, columns: columns, dot: dot)
            let written = if case .delete = write, let newest { newest.table(named: row.table)!.columnNames } else { columns }
            oracle.record(write, row: row, columns: written, dot: dot, at: id)
            show(row)
        }
        dirty.removeAll()
    }

    /// Merges remote versions (cutting pending local writes first), as `Replica.apply` does.
    mutating func apply(
        _ rows: [RowVersion], from sender: ReplicaID, catalog: Catalog, newest: Catalog? = nil, oracle: inout HistoryOracle
    ) {
        cut(catalog: catalog, newest: newest, oracle: &oracle)
        for remote in rows {
            let key = RowKey(remote.table, remote.id)
            oracle.receive(oracle.knowledge(of: sender, row: key), row: key, at: id)
            let outcome = RowVersion.merge(local: states[key], remote: remote)
            if outcome.changed {
                states[key] = outcome.merged
                show(key)
            }
        }
    }

    private mutating func show(_ row: RowKey) {
        guard let state = states[row], state.isLive else {
            domain[row] = nil
            return
        }
        domain[row] = state.visibleValues
    }
}
