import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// Random histories on real replica files (3 to 5, all at crema): SQL writes captured by the
/// triggers, change sets exchanged through the codec in random subsets and orders, then healed.
/// Run more with FARELEGAMI_HISTORIES=N; replay one with FARELEGAMI_SEED=S FARELEGAMI_HISTORIES=1.
@Suite struct ReplicaConvergencePropertyTests {
    let catalog = Catalog.farelegami

    @Test func randomSQLHistoriesConvergeAndListEveryConcurrentEdit() throws {
        let count = historyCount(default: 150)
        let start = firstSeed()
        var failingSeeds: [UInt64] = []
        var coverage = Coverage()
        var resolutions = 0
        try withTemporaryDirectory { directory in
            for seed in start..<start + UInt64(count) {
                let folder = directory + "/\(seed)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let history = try ReplicaHistory(seed: seed, directory: folder)
                try history.run()
                resolutions += history.resolutions
                let problems = try history.problems + verify(history, coverage: &coverage)
                guard !problems.isEmpty else { continue }
                failingSeeds.append(seed)
                // Report the first few failing histories in full; count the rest.
                if failingSeeds.count <= 3 {
                    let report = problems.prefix(12).joined(separator: "\n")
                    Issue.record("seed \(seed):\n\(report)")
                }
            }
        }
        // These crema replicas resolve contests on households only (a partner's is the central office's).
        #expect(resolutions * 10 >= count, "too few histories resolve an edit against a delete: \(resolutions) in \(count)")
        if !failingSeeds.isEmpty {
            Issue.record("\(failingSeeds.count) of \(count) histories failed: seeds \(failingSeeds.prefix(20))")
        }
        // The histories must exercise what they check: concurrent edits, and deletes meeting writes.
        if count >= 100 {
            #expect(coverage.withFieldConflicts * 5 >= count, "too few histories end with a field in conflict: \(coverage)")
            #expect(coverage.withDeleteConflicts * 20 >= count, "too few histories end with a deleted row in conflict: \(coverage)")
            #expect(coverage.withLiveConflicts * 50 >= count, "too few histories end with a delete against a re-insert: \(coverage)")
        }
    }

    /// What must hold once every replica has sent everything to every other: the same tables and
    /// row states everywhere, registers holding exactly the oracle's surviving writes, the visible
    /// values those survivors decide, and exactly the oracle's conflicts listed.
    private func verify(_ history: ReplicaHistory, coverage: inout Coverage) throws -> [String] {
        var problems: [String] = []
        let replicas = history.replicas
        let reference = replicas[0]
        for table in syncedTableNames {
            let expected = try reference.rows(of: table)
            for replica in replicas.dropFirst() where try replica.rows(of: table) != expected {
                problems.append("\(replica.replicaID) shows other \(table) rows than \(reference.replicaID)")
            }
        }
        var expectedConflicts: Set<ConflictKey> = []
        for row in history.oracle.rows.sorted() {
            let live = history.oracle.survivors(row: row, column: RowVersion.liveColumn)
            if Set(live.values).count > 1 { expectedConflicts.insert(ConflictKey(row, RowVersion.liveColumn)) }
            let columns = catalog.table(named: row.table)!.columnNames
            var survivors: [String: [Dot: FieldValue]] = [:]
            for column in columns {
                survivors[column] = history.oracle.survivors(row: row, column: column)
                if Set(survivors[column]!.values).count > 1 { expectedConflicts.insert(ConflictKey(row, column)) }
            }
            let isLive = !live.isEmpty && live.values.allSatisfy { $0 == .integer(1) }
            // An edit or re-insert the delete did not see: one conflict, on the row's existence.
            let deletes = Set(live.filter { $0.value == .integer(0) }.keys)
            let contested = !isLive && !live.isEmpty && (live.values.contains(.integer(1)) || columns.contains { column in
                column != RowVersion.ownerColumn && survivors[column]!.keys.contains { !deletes.contains($0) }
            })
            if contested {
                expectedConflicts = expectedConflicts.filter { $0.row != row }
                expectedConflicts.insert(ConflictKey(row, RowVersion.liveColumn))
            }
            let shown = isLive ? survivors.mapValues { winner(of: $0) } : nil
            for replica in replicas {
                guard let state = try replica.rowVersion(table: row.table, id: row.id) else {
                    problems.append("\(replica.replicaID) lost \(row)")
                    continue
                }
                if byDot(state.live) != live {
                    problems.append("\(replica.replicaID): \(row) existence holds \(state.live), oracle says \(live)")
                }
                for column in columns where byDot(state.fields[column] ?? []) != survivors[column] {
                    problems.append(
                        "\(replica.replicaID): \(row).\(column) holds \(state.fields[column] ?? []), "
                            + "oracle says \(survivors[column]!)")
                }
                let view = try replica.retainedView(table: row.table, id: row.id)
                if (view != nil) != contested {
                    problems.append("\(replica.replicaID): \(row) contested: \(contested), retained view held: \(view != nil)")
                }
                if try replica.values(row.table, row.id) != shown {
                    problems.append("\(replica.replicaID): \(row) shows \(String(describing: try replica.values(row.table, row.id))), oracle says \(String(describing: shown))")
                }
            }
        }
        coverage.count(expectedConflicts, in: history)
        for replica in replicas {
            let versioned = try Set(replica.connection.query("SELECT tbl, rid FROM _fl_row").map {
                RowKey($0[0].text ?? "", $0[1].text ?? "")
            })
            if versioned != history.oracle.rows {
                problems.append("\(replica.replicaID) has row states for \(versioned.subtracting(history.oracle.rows).sorted()) and lacks \(history.oracle.rows.subtracting(versioned).sorted())")
            }
            do {
                let listed = Set(try replica.openConflicts().map { ConflictKey(RowKey($0.table, $0.rowID), $0.column) })
                if listed != expectedConflicts {
                    problems.append("\(replica.replicaID) lists conflicts \(listed.sorted()), oracle says \(expectedConflicts.sorted())")
                }
            } catch {
                problems.append("\(replica.replicaID): openConflicts() failed: \(error)")
            }
        }
        return problems
    }

    private func byDot(_ siblings: [Sibling]) -> [Dot: FieldValue] {
        Dictionary(uniqueKeysWithValues: siblings.map { ($0.dot, $0.value) })
    }

    /// The value a field shows: the surviving write with the greatest dot (NULL when none).
    private func winner(of survivors: [Dot: FieldValue]) -> FieldValue {
        survivors.max { $0.key < $1.key }?.value ?? .null
    }
}

/// How many histories ended with each kind of conflict.
struct Coverage: CustomStringConvertible {
    var withFieldConflicts = 0
    var withDeleteConflicts = 0
    var withLiveConflicts = 0

    mutating func count(_ conflicts: Set<ConflictKey>, in history: ReplicaHistory) {
        if conflicts.contains(where: { $0.column != RowVersion.liveColumn }) { withFieldConflicts += 1 }
        // Every delete meeting a write it did not see was resolved at the end (ReplicaHistory.run).
        if history.reinsertContestsSettled > 0 { withLiveConflicts += 1 }
        if history.contestsSettled > 0 { withDeleteConflicts += 1 }
    }

    var description: String {
        "\(withFieldConflicts) with field conflicts, \(withDeleteConflicts) with deleted rows in conflict, "
            + "\(withLiveConflicts) with existence conflicts"
    }
}

/// A listed conflict: a row and a column (`_live` for the row's existence).
struct ConflictKey: Hashable, Comparable, CustomStringConvertible {
    let row: RowKey
    let column: String

    init(_ row: RowKey, _ column: String) {
        self.row = row
        self.column = column
    }

    static func < (lhs: ConflictKey, rhs: ConflictKey) -> Bool { (lhs.row, lhs.column) < (rhs.row, rhs.column) }
    var description: String { "\(row).\(column)" }
}
