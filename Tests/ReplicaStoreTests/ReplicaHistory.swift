import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncTestSupport
import SyncWire

/// One random history on real replica files: applications write `household` and `partner` with
/// ordinary SQL, replicas exchange encoded change sets, and every version a replica cuts is recorded
/// in a `HistoryOracle` with the causal past the replica had.
///
/// Problems seen while the history runs (a cut that does not match the table it versions, a batch
/// partly refused) are collected in `problems`.
final class ReplicaHistory {
    let replicas: [Replica]
    private(set) var oracle = HistoryOracle()
    private(set) var problems: [String] = []
    private var random: SeededGenerator
    /// Rows each replica wrote with SQL since its last cut.
    private var touched: [Set<RowKey>]
    /// Each replica's counter after its last cut.
    private var counters: [UInt64]
    /// Every row id the history has used, so that inserts sometimes reuse a deleted or foreign id.
    private var knownRows: [RowKey] = []
    private var nextRow = 0
    /// How many edit-against-delete conflicts the history resolved.
    private(set) var resolutions = 0
    /// How many were still open after the writes and the first heal (all then resolved), and how
    /// many of those were a delete against a re-insert.
    private(set) var contestsSettled = 0
    private(set) var reinsertContestsSettled = 0

    init(seed: UInt64, directory: String) throws {
        random = SeededGenerator(seed: seed)
        let count = Int.random(in: 3...5, using: &random)
        replicas = try (0..<count).map { try Replica.fresh(in: directory, "r\($0)") }
        touched = Array(repeating: [], count: count)
        counters = Array(repeating: 0, count: count)
    }

    /// Random writes and partial exchanges, then two rounds of full all-to-all exchanges; then every
    /// edit against a delete still open is resolved at a random replica and everyone heals again.
    func run() throws {
        try writeAndHeal()
        // Only the central office resolves a shared row's conflict: these crema replicas settle the
        // contests on their own rows (households and the rest) and leave the others open.
        for conflict in try replicas[0].openConflicts() where conflict.deleteContest != nil && replicas[0].mayResolve(conflict) {
            contestsSettled += 1
            let state = try replicas[0].rowVersion(table: conflict.table, id: conflict.rowID)
            if state?.live.contains(where: { $0.value == .integer(1) }) == true { reinsertContestsSettled += 1 }
            try resolveContestedRow(
                at: Int.random(in: 0..<replicas.count, using: &random), row: RowKey(conflict.table, conflict.rowID))
        }
        for _ in 0..<2 {
            for source in replicas.indices {
                for target in replicas.indices where target != source {
                    try exchange(from: source, to: target, subset: false)
                }
            }
        }
    }

    private func writeAndHeal() throws {
        for _ in 0..<Int.random(in: 10...40, using: &random) {
            let actor = Int.random(in: 0..<replicas.count, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<18: try insertNewRow(at: actor)
            case 18..<22: try reinsertKnownRow(at: actor)
            case 22..<52: try updateRow(at: actor)
            case 52..<60: try deleteRow(at: actor)
            case 60..<63: try renameRow(at: actor)
            case 63..<68: try resolveContestedRow(at: actor)
            default:
                let target = Int.random(in: 0..<replicas.count, using: &random)
                guard target != actor else { continue }
                try exchange(from: actor, to: target, subset: true)
            }
        }
        for _ in 0..<2 {
            for source in replicas.indices {
                for target in replicas.indices where target != source {
                    try exchange(from: source, to: target, subset: false)
                }
            }
        }
    }

    // MARK: Writes, with plain SQL

    private func insertNewRow(at actor: Int) throws {
        let table = Bool.random(using: &random) ? "household" : "partner"
        var values = Pools.values(for: table, all: true, using: &random)
        let replica = replicas[actor]
        // Sometimes let the triggers fill site_id, sometimes let SQLite choose the id.
        if Bool.random(using: &random) { values["site_id"] = .text("crema") }
        let id: String
        if Int.random(in: 0..<4, using: &random) == 0 {
            try insert(values, into: table, at: replica)
            id = try requireText(replica.connection.query(
                "SELECT id FROM \(table) WHERE rowid = last_insert_rowid()").first?[0].text)
        } else {
            nextRow += 1
            id = "row\(nextRow)"
            values["id"] = .text(id)
            try insert(values, into: table, at: replica)
        }
        knownRows.append(RowKey(table, id))
        touched[actor].insert(RowKey(table, id))
    }

    /// Inserts a row under an id used before: a re-insert after a delete, or a concurrent insert of
    /// an id another replica created.
    private func reinsertKnownRow(at actor: Int) throws {
        let replica = replicas[actor]
        let absent = try knownRows.filter { try replica.values($0.table, $0.id) == nil }
        guard let row = absent.randomElement(using: &random) else { return }
        var values = Pools.values(for: row.table, all: true, using: &random)
        values["id"] = .text(row.id)
        values["site_id"] = .text("crema")
        try insert(values, into: row.table, at: replica)
        touched[actor].insert(row)
    }

    private func updateRow(at actor: Int) throws {
        guard let row = try presentRow(at: actor) else { return }
        let values = Pools.values(for: row.table, all: false, using: &random).sorted { $0.key < $1.key }
        let assignments = values.map { "\($0.key) = ?" }.joined(separator: ", ")
        try replicas[actor].connection.run(
            "UPDATE \(row.table) SET \(assignments) WHERE id = ?", values.map(\.value.bound) + [.text(row.id)])
        touched[actor].insert(row)
    }

    private func deleteRow(at actor: Int) throws {
        guard let row = try presentRow(at: actor) else { return }
        try replicas[actor].sql("DELETE FROM \(row.table) WHERE id = ?", .text(row.id))
        touched[actor].insert(row)
    }

    /// Changes a row's primary key: the triggers must see a delete of the old id and an insert of the new.
    private func renameRow(at actor: Int) throws {
        guard let row = try presentRow(at: actor) else { return }
        nextRow += 1
        let renamed = RowKey(row.table, "row\(nextRow)")
        try replicas[actor].sql("UPDATE \(row.table) SET id = ? WHERE id = ?", .text(renamed.id), .text(row.id))
        knownRows.append(renamed)
        touched[actor].formUnion([row, renamed])
    }

    /// Resolves an edit against a delete the replica lists, usually by keeping the row, and checks
    /// that a kept row comes back whole, each field a value some write of the history gave it.
    private func resolveContestedRow(at actor: Int, row chosen: RowKey? = nil) throws {
        try cut(actor)
        let replica = replicas[actor]
        let contests = try replica.openConflicts().filter {
            $0.deleteContest != nil && (chosen == nil || RowKey($0.table, $0.rowID) == chosen) && replica.mayResolve($0)
        }
        guard let conflict = contests.randomElement(using: &random) else {
            if let chosen { problems.append("\(replica.replicaID) does not list the edit against a delete on \(chosen)") }
            return
        }
        let row = RowKey(conflict.table, conflict.rowID)
        let keep = Int.random(in: 0..<4, using: &random) > 0
        let columns = Catalog.farelegami.table(named: row.table)!.columnNames
        // Every value a write other than a delete gave each column, before the resolution's own.
        var written: [String: Set<FieldValue>] = [:]
        for event in (oracle.events[row] ?? [:]).values where event.writes[RowVersion.liveColumn] != .integer(0) {
            for (column, value) in event.writes { written[column, default: []].insert(value) }
        }
        touched[actor].insert(row)
        do {
            try versioning(actor, checked: false) {
                try replica.resolve(conflict: conflict.id, with: keep ? .keepRow : .deleteRow)
            }
        } catch {
            problems.append("\(replica.replicaID) could not resolve \(row) (keep: \(keep)): \(error)")
            return
        }
        resolutions += 1
        let shown = try replica.values(row.table, row.id)
        guard keep else {
            if shown != nil { problems.append("\(replica.replicaID) still shows \(row) after deleting it") }
            return
        }
        guard let shown else {
            problems.append("\(replica.replicaID) does not show \(row) after keeping it")
            return
        }
        for column in columns where written[column]?.contains(shown[column] ?? .null) != true {
            problems.append("keeping \(row) at \(replica.replicaID) wrote \(column) = \(shown[column] ?? .null), which no write gave it")
        }
    }

    private func insert(_ values: [String: FieldValue], into table: String, at replica: Replica) throws {
        let sorted = values.sorted { $0.key < $1.key }
        let placeholders = Array(repeating: "?", count: sorted.count).joined(separator: ", ")
        try replica.connection.run(
            "INSERT INTO \(table) (\(sorted.map(\.key).joined(separator: ", "))) VALUES (\(placeholders))",
            sorted.map(\.value.bound))
    }

    private func presentRow(at actor: Int) throws -> RowKey? {
        var present: [RowKey] = []
        for table in ["household", "partner"] {
            for row in try replicas[actor].connection.query("SELECT id FROM \(table) ORDER BY id") {
                if let id = row[0].text { present.append(RowKey(table, id)) }
            }
        }
        return present.randomElement(using: &random)
    }

    // MARK: Cuts and exchanges

    /// Cuts the replica's pending writes and records the version it made.
    private func cut(_ index: Int) throws {
        try versioning(index, checked: true) { try replicas[index].cutLocalVersions() }
    }

    /// Runs `operation`, which may cut the replica's pending writes into a new version (an export or
    /// an import does), and records that version of every row the replica wrote in the oracle: the
    /// registers that carry the new dot are the fields the write set. With `checked`, the new states
    /// are also checked against the table (not after an import, which merges remote versions too).
    @discardableResult
    private func versioning<T>(_ index: Int, checked: Bool, _ operation: () throws -> T) throws -> T {
        let replica = replicas[index]
        let rows = touched[index].sorted()
        var before: [RowKey: RowVersion] = [:]
        for row in rows {
            before[row] = try replica.rowVersion(table: row.table, id: row.id)
        }
        let result = try operation()
        let counter = try replica.counter()
        defer {
            touched[index] = []
            counters[index] = counter
        }
        guard counter != counters[index] else { return result }
        if counter != counters[index] + 1 {
            problems.append("\(replica.replicaID) moved its counter from \(counters[index]) to \(counter) in one cut")
        }
        let dot = Dot(replica: replica.replicaID, counter: counter)
        for row in rows {
            let state = try replica.rowVersion(table: row.table, id: row.id)
            if checked {
                check(cutOf: row, previous: before[row], state: state, shown: try replica.values(row.table, row.id), dot: dot)
            }
            guard let state else { continue }
            var writes: [String: FieldValue] = [:]
            for sibling in state.live where sibling.dot == dot { writes[RowVersion.liveColumn] = sibling.value }
            for (column, siblings) in state.fields {
                for sibling in siblings where sibling.dot == dot { writes[column] = sibling.value }
            }
            // A site's write of a field in a conflict it may not resolve (a shared row's) is one more side.
            let mayResolve = before[row].map { Catalog.farelegami.site(replica.site, mayResolve: $0) } ?? true
            if !writes.isEmpty {
                oracle.recordWrite(writes, row: row, dot: dot, at: replica.replicaID, mayResolve: mayResolve)
            }
        }
        return result
    }

    /// Checks a cut against the table, independently of the engine's bookkeeping: the state shows
    /// what the table holds, and a row whose values or existence changed got the new dot.
    private func check(cutOf row: RowKey, previous: RowVersion?, state: RowVersion?, shown: [String: FieldValue]?, dot: Dot) {
        let wasShown = previous.map { $0.isLive ? $0.visibleValues : nil } ?? nil
        let carriesDot = state.map { version in
            version.live.contains { $0.dot == dot } || version.fields.values.contains { $0.contains { $0.dot == dot } }
        } ?? false
        if let shown {
            if state?.isLive != true || state?.visibleValues != shown {
                problems.append("after a cut \(row) shows \(shown) but its state is \(String(describing: state))")
            }
        } else if state?.isLive == true {
            problems.append("after a cut \(row) is absent from its table but its state is live")
        }
        if shown != wasShown, !carriesDot {
            problems.append("\(row) changed from \(String(describing: wasShown)) to \(String(describing: shown)) without a version \(dot)")
        }
    }

    /// Sends `source`'s change set to `target` through the codec: a random subset in random order,
    /// or (`subset` false) all of it. Usually both sides cut their pending writes first; sometimes the
    /// export and the import must do it themselves.
    private func exchange(from source: Int, to target: Int, subset: Bool) throws {
        if Int.random(in: 0..<3, using: &random) != 0 {
            try cut(source)
            try cut(target)
        }
        var changeSet = try versioning(source, checked: true) { try replicas[source].exportChangeSet() }
        var rows = changeSet.rows
        if subset {
            rows = rows.filter { _ in Int.random(in: 0..<10, using: &random) < 7 }
            rows.shuffle(using: &random)
            let sent = Set(rows.map { RowKey($0) })
            let retained = changeSet.retained?.filter { sent.contains(RowKey($0)) }
            changeSet = ChangeSet(
                schemaVersion: changeSet.schemaVersion, origin: changeSet.origin, site: changeSet.site,
                since: changeSet.since, through: changeSet.through, rows: rows)
            changeSet.retained = retained
        }
        let bytes = ChangeSetCodec.encode(changeSet)
        let summary = try versioning(target, checked: false) { try replicas[target].importChangeSet(bytes) }
        if summary.received != rows.count || summary.refused != 0 {
            problems.append("\(replicas[target].replicaID) received \(summary.received) of \(rows.count) rows, refused \(summary.refused)")
        }
        let sender = replicas[source].replicaID
        for row in rows {
            let key = RowKey(row.table, row.id)
            oracle.receive(oracle.knowledge(of: sender, row: key), row: key, at: replicas[target].replicaID)
        }
    }
}

/// Values drawn from small pools, so that concurrent writes sometimes agree and sometimes conflict.
enum Pools {
    static let household: [String: [FieldValue]] = [
        "code": [.text("A1"), .text("B2"), .text("C3")],
        "municipality": [.text("Crema"), .text("Cremona"), .null],
        "adults": [.integer(1), .integer(2), .integer(3)],
        "minors": [.integer(0), .integer(1)],
    ]
    static let partner: [String: [FieldValue]] = [
        "name": [.text("Comune di Crema"), .text("CISVOL"), .text("Concass")],
        "role": [.text("lead"), .text("partner"), .text("supporter")],
        "tax_code": [.text("00123"), .null],
    ]

    /// Every pooled column (`all`) or a non-empty random selection of them, with random values.
    static func values(for table: String, all: Bool, using random: inout SeededGenerator) -> [String: FieldValue] {
        let pools = (table == "household" ? household : partner).sorted { $0.key < $1.key }
        var values: [String: FieldValue] = [:]
        for (column, pool) in pools where all || Bool.random(using: &random) {
            values[column] = pool.randomElement(using: &random)!
        }
        if values.isEmpty, let (column, pool) = pools.randomElement(using: &random) {
            values[column] = pool.randomElement(using: &random)!
        }
        return values
    }
}

private struct MissingValue: Error {}

/// The text, or an error when a query returned none.
private func requireText(_ text: String?) throws -> String {
    guard let text else { throw MissingValue() }
    return text
}
