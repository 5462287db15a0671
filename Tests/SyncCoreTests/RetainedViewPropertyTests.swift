import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// Random histories of 3 to 5 replicas with deletes, re-inserts and resolutions of contested
/// deletes, change sets (with their retained views) exchanged in random orders and subsets. Run
/// more with FARELEGAMI_HISTORIES=N; replay one with FARELEGAMI_SEED=S.
@Suite struct RetainedViewPropertyTests {
    let catalog = Catalog.farelegami

    @Test func keepingAContestedRowGivesBackAWholeRowOfWrittenValuesAndReplicasConverge() throws {
        let count = historyCount(default: 1_000)
        let start = firstSeed()
        var keeps = 0
        for seed in start..<start + UInt64(count) {
            keeps += try checkHistory(seed: seed)
        }
        #expect(keeps * 4 >= count, "too few resolutions kept a contested row: \(keeps) in \(count) histories")
    }

    /// Runs one history; returns how many resolutions kept a row.
    private func checkHistory(seed: UInt64) throws -> Int {
        var random = SeededGenerator(seed: seed)
        var history = History(catalog: catalog, replicas: (0..<Int.random(in: 3...5, using: &random)).map {
            KeepingReplica(id: ReplicaID("r\($0)"))
        })
        var nextRow = 0
        for _ in 0..<Int.random(in: 10...50, using: &random) {
            let actor = Int.random(in: 0..<history.replicas.count, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<15:
                let table = Bool.random(using: &random) ? "household" : "partner"
                nextRow += 1
                history.insert(RowKey(table, "row\(nextRow)"), values: RandomValues.row(table, using: &random), at: actor)
            case 15..<20:
                let absent = history.rows.filter { history.replicas[actor].domain[$0] == nil }
                guard let row = absent.randomElement(using: &random) else { continue }
                history.insert(row, values: RandomValues.row(row.table, using: &random), at: actor)
            case 20..<45:
                guard let row = history.replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                history.update(row, values: RandomValues.someFields(row.table, using: &random), at: actor)
            case 45..<60:
                guard let row = history.replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                history.delete(row, at: actor)
            case 60..<70:
                let contested = history.replicas[actor].states.filter { $0.value.isContestedDelete }.keys.sorted()
                guard let row = contested.randomElement(using: &random) else { continue }
                try history.resolve(row, keep: Int.random(in: 0..<3, using: &random) > 0, at: actor, seed: seed)
            default:
                let target = Int.random(in: 0..<history.replicas.count, using: &random)
                guard target != actor else { continue }
                history.exchange(from: actor, to: target, subset: true, random: &random)
            }
        }
        history.heal(random: &random)
        try verify(history, seed: seed)
        // Keep every row still contested, each at a random replica, and heal again: all come back whole.
        for row in history.rows where history.replicas[0].states[row]?.isContestedDelete == true {
            try history.resolve(row, keep: true, at: Int.random(in: 0..<history.replicas.count, using: &random), seed: seed)
        }
        history.heal(random: &random)
        try verify(history, seed: seed)
        for row in history.rows {
            #expect(history.replicas[0].states[row]?.isContestedDelete != true, "seed \(seed): \(row) is still contested")
        }
        return history.keeps
    }

    private func verify(_ history: History, seed: UInt64) throws {
        let reference = history.replicas[0]
        for replica in history.replicas.dropFirst() {
            #expect(replica.states == reference.states, "seed \(seed): \(replica.id) holds other row states than r0")
            #expect(replica.domain == reference.domain, "seed \(seed): \(replica.id) shows other rows than r0")

            #expect(replica.retained == reference.retained, "seed \(seed): \(replica.id) holds other retained views than r0")
        }
        for replica in history.replicas {
            for (row, state) in replica.states.sorted(by: { $0.key < $1.key }) {
                let view = replica.retained[row]
                #expect(
                    (view != nil) == state.isContestedDelete,
                    "seed \(seed): \(replica.id) holds \(view == nil ? "no" : "a") retained view of \(row), contested: \(state.isContestedDelete)")
                if let view { #expect(view.isLive, "seed \(seed): the retained view of \(row) is not live") }
                guard !state.isLive, !state.isContestedDelete else { continue }
                // An uncontested delete keeps no value but the owner.
                for (column, siblings) in state.fields where column != RowVersion.ownerColumn {
                    #expect(siblings.allSatisfy { $0.value == .null }, "seed \(seed): deleted \(row).\(column) keeps \(siblings)")
                }
            }
        }
    }
}

/// A history in progress: the replicas, and every value each row's non-delete writes wrote.
private struct History {
    let catalog: Catalog
    var replicas: [KeepingReplica]
    /// The values written to each column of each row by inserts and updates.
    private(set) var written: [RowKey: [String: Set<FieldValue>]] = [:]
    private(set) var keeps = 0
    var rows: [RowKey] { written.keys.sorted() }

    init(catalog: Catalog, replicas: [KeepingReplica]) {
        self.catalog = catalog
        self.replicas = replicas
    }

    /// Inserts a row with every column (NULL where `values` has none), as a table row has.
    mutating func insert(_ row: RowKey, values: [String: FieldValue], at actor: Int) {
        var whole: [String: FieldValue] = [:]
        for column in catalog.table(named: row.table)!.columnNames {
            whole[column] = values[column] ?? .null
            written[row, default: [:]][column, default: []].insert(whole[column]!)
        }
        replicas[actor].insert(row, values: whole)
    }

    mutating func update(_ row: RowKey, values: [String: FieldValue], at actor: Int) {
        replicas[actor].update(row, values: values)
        for (column, value) in values { written[row, default: [:]][column, default: []].insert(value) }
    }

    mutating func delete(_ row: RowKey, at actor: Int) {
        replicas[actor].delete(row)
    }

    /// Resolves a contested row at `actor` and checks a kept row: every column, each a value some
    /// write of the history gave it, shown at once.
    mutating func resolve(_ row: RowKey, keep: Bool, at actor: Int, seed: UInt64) throws {
        _ = replicas[actor].cut(catalog: catalog)
        guard replicas[actor].states[row]?.isContestedDelete == true else { return }
        let resolution = replicas[actor].resolve(row, keep: keep, catalog: catalog)
        let (write, _) = try #require(resolution, "seed \(seed): \(replicas[actor].id) could not resolve \(row) (keep: \(keep))")
        guard case .insert(let values) = write else {
            #expect(!keep, "seed \(seed): keeping \(row) wrote \(write)")
            return
        }
        keeps += 1
        let columns = catalog.table(named: row.table)!.columnNames
        #expect(Set(values.keys) == Set(columns), "seed \(seed): keeping \(row) wrote \(values.keys.sorted()), not every column")
        for column in columns {
            let value = values[column] ?? .null
            #expect(
                written[row]?[column]?.contains(value) == true,
                "seed \(seed): keeping \(row) wrote \(column) = \(value), which no write of the history gave it")
        }
        #expect(replicas[actor].domain[row] == values, "seed \(seed): the kept \(row) is not shown whole")
    }

    /// Sends `source`'s row versions and their retained views to `target`: a random subset in
    /// random order, or (`subset` false) all of them.
    mutating func exchange(from source: Int, to target: Int, subset: Bool, random: inout SeededGenerator) {
        _ = replicas[source].cut(catalog: catalog)
        var rows = replicas[source].states.sorted { $0.key < $1.key }.map(\.value)
        if subset {
            rows = rows.filter { _ in Int.random(in: 0..<10, using: &random) < 7 }
            rows.shuffle(using: &random)
        }
        _ = replicas[target].apply(rows, views: replicas[source].views(for: rows), catalog: catalog)
    }

    /// Everyone sends everything to everyone, twice.
    mutating func heal(random: inout SeededGenerator) {
        for _ in 0..<2 {
            for source in replicas.indices {
                for target in replicas.indices where target != source {
                    exchange(from: source, to: target, subset: false, random: &random)
                }
            }
        }
    }
}
