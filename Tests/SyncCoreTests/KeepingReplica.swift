import SyncCore
import SyncProtocol

/// An in-memory replica from the core's pure rules that also keeps retained views, as the replica
/// store and the server do: computed by its own merges (`RetainedView.retained`), received with
/// change sets, dropped when a row stops being contested, and used to resolve contested deletes.
struct KeepingReplica {
    let id: ReplicaID
    private(set) var counter: UInt64 = 0
    private(set) var states: [RowKey: RowVersion] = [:]
    private(set) var retained: [RowKey: RowVersion] = [:]
    /// What an application sees: the live rows' values.
    private(set) var domain: [RowKey: [String: FieldValue]] = [:]
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

    /// Cuts one version of every dirty row under one new dot; returns each row's write.
    mutating func cut(catalog: Catalog) -> [(RowKey, LocalWrite, Dot)] {
        guard !dirty.isEmpty else { return [] }
        counter += 1
        let dot = Dot(replica: id, counter: counter)
        var writes: [(RowKey, LocalWrite, Dot)] = []
        for (row, changed) in dirty.sorted(by: { $0.key < $1.key }) {
            let columns = catalog.table(named: row.table)!.columnNames
            guard let write = LocalWrite.folding(
                previous: states[row], current: domain[row], changedColumns: changed, columns: columns)
            else { continue }
            store(RowVersion.afterLocalWrite(write, previous: states[row], table: row.table, id: row.id, columns: columns, dot: dot))
            writes.append((row, write, dot))
        }
        dirty.removeAll()
        return writes
    }

    /// Resolves the contested row `row` by keeping it (`keep`) or deleting it, as one local write;
    /// nil when the row is not contested here, or when keeping it is impossible (no retained view).
    mutating func resolve(_ row: RowKey, keep: Bool, catalog: Catalog) -> (LocalWrite, Dot)? {
        guard dirty.isEmpty, let state = states[row], state.isContestedDelete else { return nil }
        let columns = catalog.table(named: row.table)!.columnNames
        let write: LocalWrite
        if keep {
            guard let values = RetainedView.keptValues(of: state, retained: retained[row], columns: columns) else { return nil }
            write = .insert(values: values)
        } else {
            write = .delete
        }
        counter += 1
        let dot = Dot(replica: id, counter: counter)
        store(RowVersion.afterLocalWrite(write, previous: state, table: row.table, id: row.id, columns: columns, dot: dot))
        return (write, dot)
    }

    /// Merges remote versions and the retained views that came with them (after cutting pending
    /// local writes, returned), as `Replica.apply` does.
    mutating func apply(_ rows: [RowVersion], views: [RowVersion], catalog: Catalog) -> [(RowKey, LocalWrite, Dot)] {
        let writes = cut(catalog: catalog)
        for remote in rows {
            let key = RowKey(remote)
            let outcome = RowVersion.merge(local: states[key], remote: remote)
            guard outcome.changed else { continue }
            let gained = RetainedView.retained(local: states[key], remote: remote, merged: outcome.merged)
            store(outcome.merged)
            if let gained, outcome.merged.isContestedDelete { retained[key] = RetainedView.join(retained[key], gained) }
        }
        for view in views where states[RowKey(view)]?.isContestedDelete == true {
            retained[RowKey(view)] = RetainedView.join(retained[RowKey(view)], view)
        }
        return writes
    }

    /// The retained views held for `rows`, as a change set carries them.
    func views(for rows: [RowVersion]) -> [RowVersion] {
        rows.compactMap { retained[RowKey($0)] }
    }

    private mutating func store(_ state: RowVersion) {
        let key = RowKey(state)
        states[key] = state
        if !state.isContestedDelete { retained[key] = nil }
        domain[key] = state.isLive ? state.visibleValues : nil
    }
}
