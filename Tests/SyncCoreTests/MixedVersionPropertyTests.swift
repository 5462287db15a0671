import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// Random histories of replicas on two catalog versions around one server (SYNC.md, "Schema
/// versions"): version 2 adds `household.housing`; replicas start on version 1 and each moves to
/// version 2 at a random point (pulling everything again, as the sync client does). A replica on
/// version 1 is sent rows as its version holds them (`Catalog.projected`). Every history converges,
/// and no write of the newer column is lost: each field holds exactly the writes no later write of
/// that field superseded (an insert or update by a replica without the column supersedes nothing in
/// it; a delete deletes the whole row, the newer column included, so an edit of the newer column it
/// did not see contests it).
/// Run more with FARELEGAMI_HISTORIES=N; replay one with FARELEGAMI_SEED=S.
@Suite struct MixedVersionPropertyTests {
    let older = Catalog.farelegami
    let newer: Catalog = {
        let tables = Catalog.farelegami.tables.map { table in
            guard table.name == "household" else { return table }
            return TableSpec(table.name, table.privacy, Array(table.columns.dropFirst()) + [ColumnSpec("housing")])
        }
        return Catalog(schemaVersion: 2, tables: tables)
    }()

    @Test func randomHistoriesAcrossVersionsConvergeAndLoseNoValueOfTheNewerColumn() throws {
        let count = historyCount(default: 1_000)
        let start = firstSeed()
        for seed in start..<start + UInt64(count) {
            try checkHistory(seed: seed)
        }
    }

    private func checkHistory(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var replicas = (0..<Int.random(in: 3...5, using: &random)).map { SimulatedReplica(id: ReplicaID("r\($0)")) }
        // The version each replica is on; one starts on version 2 (made after the publication).
        var versions = replicas.map { _ in 1 }
        versions[0] = 2
        var server = SimulatedReplica(id: ReplicaID("server"))
        var oracle = HistoryOracle()
        var nextRow = 0
        for _ in 0..<Int.random(in: 5...50, using: &random) {
            let actor = Int.random(in: 0..<replicas.count, using: &random)
            let catalog = versions[actor] == 2 ? newer : older
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<15:
                nextRow += 1
                replicas[actor].insert(RowKey("household", "row\(nextRow)"), values: Self.fields(all: true, version: versions[actor], &random))
            case 15..<47:
                guard let row = replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                replicas[actor].update(row, values: Self.fields(all: false, version: versions[actor], &random))
            case 47..<53:
                guard let row = replicas[actor].domain.keys.sorted().randomElement(using: &random) else { continue }
                replicas[actor].delete(row)
            case 53..<56:
                // A deleted row written again (re-inserted, or kept by whoever resolves its conflict).
                let deleted = replicas[actor].states.keys.filter { replicas[actor].domain[$0] == nil }.sorted()
                guard let row = deleted.randomElement(using: &random) else { continue }
                if versions[actor] == 1 {
                    // On the older version the delete must have reached the server first (SYNC.md,
                    // "Schema versions": its implied NULLs of the newer columns are stored there).
                    replicas[actor].cut(catalog: catalog, newest: newer, oracle: &oracle)
                    push(from: actor, &replicas, into: &server, &oracle, &random, subset: false)
                }
                replicas[actor].insert(row, values: Self.fields(all: true, version: versions[actor], &random))
            case 56..<62 where versions[actor] == 1:
                // The replica moves to version 2: its pending writes are cut on version 1, then it pulls everything.
                replicas[actor].cut(catalog: older, newest: newer, oracle: &oracle)
                versions[actor] = 2
                pull(into: actor, everything: true, &replicas, versions, server, &oracle, &random)
            case 62..<81:
                replicas[actor].cut(catalog: catalog, newest: newer, oracle: &oracle)
                push(from: actor, &replicas, into: &server, &oracle, &random)
            default:
                if versions[actor] == 1 {
                    // As the sync client does, a replica on the older version pushes everything
                    // before it pulls: a delete it has not pushed could not tell newer-column
                    // writes pulled after it from ones it saw (SYNC.md, "Schema versions").
                    replicas[actor].cut(catalog: catalog, newest: newer, oracle: &oracle)
                    push(from: actor, &replicas, into: &server, &oracle, &random, subset: false)
                }
                pull(into: actor, everything: false, &replicas, versions, server, &oracle, &random)
            }
        }
        // Heal: every replica moves to version 2, then everyone pushes and pulls everything, twice.
        for index in replicas.indices where versions[index] == 1 {
            replicas[index].cut(catalog: older, newest: newer, oracle: &oracle)
            versions[index] = 2
        }
        for _ in 0..<2 {
            for index in replicas.indices {
                replicas[index].cut(catalog: newer, oracle: &oracle)
                push(from: index, &replicas, into: &server, &oracle, &random, subset: false)
            }
            for index in replicas.indices {
                pull(into: index, everything: true, &replicas, versions, server, &oracle, &random, subset: false)
            }
        }
        try verify(replicas, server: server, oracle: oracle, seed: seed)
    }

    private func push(
        from index: Int, _ replicas: inout [SimulatedReplica], into server: inout SimulatedReplica,
        _ oracle: inout HistoryOracle, _ random: inout SeededGenerator, subset: Bool = true
    ) {
        var rows = replicas[index].states.sorted { $0.key < $1.key }.map(\.value)
        if subset { rows = rows.filter { _ in Int.random(in: 0..<10, using: &random) < 8 } }
        // As the server stores them: a delete of an older version with the newer columns it implies.
        let stored = rows.map { $0.fillingImpliedFields(newer.table(named: $0.table)!.columnNames) }
        server.apply(stored, from: replicas[index].id, catalog: newer, oracle: &oracle)
    }

    /// The server's rows, as the replica's version holds them; a subset in random order unless `everything`.
    private func pull(
        into index: Int, everything: Bool, _ replicas: inout [SimulatedReplica], _ versions: [Int],
        _ server: SimulatedReplica, _ oracle: inout HistoryOracle, _ random: inout SeededGenerator, subset: Bool = true
    ) {
        let catalog = versions[index] == 2 ? newer : older
        var rows = server.states.sorted { $0.key < $1.key }.compactMap { versions[index] == 2 ? $0.value : older.projected($0.value) }
        if subset && !everything {
            rows = rows.filter { _ in Int.random(in: 0..<10, using: &random) < 7 }
            rows.shuffle(using: &random)
        }
        replicas[index].apply(rows, from: server.id, catalog: catalog, newest: newer, oracle: &oracle)
    }

    private func verify(_ replicas: [SimulatedReplica], server: SimulatedReplica, oracle: HistoryOracle, seed: UInt64) throws {
        for replica in replicas {
            #expect(replica.states == server.states, "seed \(seed): \(replica.id) holds other row states than the server")
            // A column a version never wrote shows as NULL, as in the domain table.
            #expect(Self.shown(replica) == Self.shown(replicas[0]), "seed \(seed): \(replica.id) shows other rows than r0")
        }
        for row in oracle.rows {
            let state = try #require(server.states[row], "seed \(seed): \(row) was lost")
            #expect(
                Self.byDot(state.live) == oracle.survivors(row: row, column: RowVersion.liveColumn),
                "seed \(seed): \(row) existence lost a write")
            for column in newer.table(named: row.table)!.columnNames {
                #expect(
                    Self.byDot(state.fields[column] ?? state.absentFieldSiblings ?? []) == oracle.survivors(row: row, column: column),
                    "seed \(seed): \(row).\(column) holds other writes than the oracle's survivors")
            }
        }
    }

    private static func shown(_ replica: SimulatedReplica) -> [RowKey: [String: FieldValue]] {
        replica.domain.mapValues { $0.filter { $0.value != .null } }
    }

    private static func byDot(_ siblings: [Sibling]) -> [Dot: FieldValue] {
        Dictionary(uniqueKeysWithValues: siblings.map { ($0.dot, $0.value) })
    }

    /// Household values from small pools; `housing` only for a replica on version 2.
    private static func fields(all: Bool, version: Int, _ random: inout SeededGenerator) -> [String: FieldValue] {
        var pools: [(String, [FieldValue])] = [
            ("adults", [.integer(1), .integer(2), .integer(3)]), ("code", [.text("A1"), .text("B2")]),
            ("municipality", [.text("Crema"), .null]),
        ]
        if version == 2 { pools.append(("housing", [.text("affitto"), .text("proprietà"), .null])) }
        var values: [String: FieldValue] = all ? ["site_id": .text("crema")] : [:]
        for (column, pool) in pools where all || Bool.random(using: &random) {
            values[column] = pool.randomElement(using: &random)!
        }
        if values.isEmpty { values[pools[0].0] = pools[0].1.randomElement(using: &random)! }
        return values
    }
}
