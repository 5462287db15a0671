import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// Random histories of 3 to 5 replicas: inserts, updates and deletes, change sets exchanged in random
/// orders and subsets. Run more with FARELEGAMI_HISTORIES=N; replay one with FARELEGAMI_SEED=S.
@Suite struct ConvergencePropertyTests {
    let catalog = Catalog.farelegami

    @Test func randomHistoriesConvergeAndReportEveryConcurrentEdit() throws {
        let count = historyCount(default: 1_500)
        let start = firstSeed()
        for seed in start..<start + UInt64(count) {
            try checkHistory(seed: seed)
        }
    }

    private func checkHistory(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let ids = (0..<Int.random(in: 3...5, using: &random)).map { ReplicaID("r\($0)") }
        var replicas = ids.map { SimulatedReplica(id: $0) }
        var oracle = HistoryOracle()
        var nextRow = 0
        for _ in 0..<Int.random(in: 5...40, using: &random) {
            let actor = Int.random(in: 0..<replicas.count, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<20:
                let table = Bool.random(using: &random) ? "household" : "partner"
                nextRow += 1
                replicas[actor].insert(RowKey(table, "row\(nextRow)"), values: RandomValues.row(table, using: &random))
            case 20..<55:
                guard let row = replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                replicas[actor].update(row, values: RandomValues.someFields(row.table, using: &random))
            case 55..<65:
                guard let row = replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                replicas[actor].delete(row)
            default:
                let target = Int.random(in: 0..<replicas.count, using: &random)
                guard target != actor else { continue }
                exchange(from: actor, to: target, in: &replicas, oracle: &oracle, random: &random)
            }
        }
        // Heal: everyone sends everything to everyone, twice.
        for _ in 0..<2 {
            for source in replicas.indices {
                for target in replicas.indices where target != source {
                    exchange(from: source, to: target, in: &replicas, oracle: &oracle, random: &random, subset: false)
                }
            }
        }
        try verify(replicas, oracle: oracle, seed: seed)
    }

    /// Sends `source`'s row versions to `target`: a random subset in random order, or (`subset`
    /// false) all of them.
    private func exchange(
        from source: Int, to target: Int, in replicas: inout [SimulatedReplica], oracle: inout HistoryOracle,
        random: inout SeededGenerator, subset: Bool = true
    ) {
        replicas[source].cut(catalog: catalog, oracle: &oracle)
        var rows = replicas[source].states.sorted { $0.key < $1.key }.map(\.value)
        if subset {
            rows = rows.filter { _ in Int.random(in: 0..<10, using: &random) < 7 }
            rows.shuffle(using: &random)
        }
        replicas[target].apply(rows, from: replicas[source].id, catalog: catalog, oracle: &oracle)
    }

    private func verify(_ replicas: [SimulatedReplica], oracle: HistoryOracle, seed: UInt64) throws {
        let reference = replicas[0]
        for replica in replicas.dropFirst() {
            #expect(replica.states == reference.states, "seed \(seed): \(replica.id) holds other row states than r0")
            #expect(replica.domain == reference.domain, "seed \(seed): \(replica.id) shows other rows than r0")
        }
        for row in oracle.rows {
            let state = try #require(reference.states[row], "seed \(seed): \(row) was lost")
            #expect(try catalog.validate(state) == state, "seed \(seed): \(row) is not well formed")
            let liveSurvivors = oracle.survivors(row: row, column: RowVersion.liveColumn)
            #expect(siblingsByDot(state.live) == liveSurvivors, "seed \(seed): \(row) existence lost a write")
            var expectedConflicts: [String] = Set(liveSurvivors.values).count > 1 ? [RowVersion.liveColumn] : []
            for column in catalog.table(named: row.table)!.columnNames {
                let survivors = oracle.survivors(row: row, column: column)
                #expect(
                    siblingsByDot(state.fields[column] ?? []) == survivors,
                    "seed \(seed): \(row).\(column) holds other writes than the oracle's survivors")
                if Set(survivors.values).count > 1 { expectedConflicts.append(column) }
            }
            // A delete meeting an edit or re-insert it did not see is one conflict, on the row's existence.
            let deletes = Set(liveSurvivors.filter { $0.value == .integer(0) }.keys)
            let columns = catalog.table(named: row.table)!.columnNames
            let contested = !deletes.isEmpty && (liveSurvivors.values.contains(.integer(1)) || columns.contains { column in
                column != RowVersion.ownerColumn && oracle.survivors(row: row, column: column).keys.contains { !deletes.contains($0) }
            })
            if contested { expectedConflicts = [RowVersion.liveColumn] }
            #expect(state.isContestedDelete == contested, "seed \(seed): \(row) contested: \(state.isContestedDelete)")
            for replica in replicas {
                #expect(
                    replica.states[row]?.conflictingColumns == expectedConflicts.sorted(),
                    "seed \(seed): \(replica.id) does not list the conflicts of \(row)")
            }
        }
    }

    private func siblingsByDot(_ siblings: [Sibling]) -> [Dot: FieldValue] {
        Dictionary(uniqueKeysWithValues: siblings.map { ($0.dot, $0.value) })
    }
}

/// Values drawn from small pools, so that concurrent writes sometimes agree and sometimes conflict.
enum RandomValues {
    static func row(_ table: String, using random: inout SeededGenerator) -> [String: FieldValue] {
        var values = someFields(table, using: &random, all: true)
        values["site_id"] = .text("crema")
        return values
    }

    static func someFields(_ table: String, using random: inout SeededGenerator, all: Bool = false)
        -> [String: FieldValue]
    {
        let pools: [String: [FieldValue]] =
            table == "household"
            ? [
                "code": [.text("A1"), .text("B2"), .text("C3")],
                "municipality": [.text("Crema"), .text("Cremona"), .null],
                "adults": [.integer(1), .integer(2), .integer(3)],
                "minors": [.integer(0), .integer(1)],
            ]
            : [
                "name": [.text("Comune di Crema"), .text("CISVOL"), .text("Concass")],
                "role": [.text("lead"), .text("partner"), .text("supporter")],
                "tax_code": [.text("00123"), .null],
            ]
        var values: [String: FieldValue] = [:]
        for (column, pool) in pools.sorted(by: { $0.key < $1.key }) where all || Bool.random(using: &random) {
            values[column] = pool.randomElement(using: &random)!
        }
        if values.isEmpty, let (column, pool) = pools.sorted(by: { $0.key < $1.key }).first {
            values[column] = pool.randomElement(using: &random)!
        }
        return values
    }
}
