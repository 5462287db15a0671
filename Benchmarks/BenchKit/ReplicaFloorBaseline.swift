import CSQLite
import SQLiteDatabase
import SiteClient
import SyncCore
import SyncProtocol
import SyncWire

/// Baseline (c), the floor of a pull: what SQLite alone takes to write what an initial sync writes
/// for each row, its domain row and its synced state in `_fl_row` (in the form the replica stores,
/// `RowStateJSON`, with the sequence index), one transaction per pull page (2,000 rows) as a sync
/// commits them. Raw C API and prepared statements, no network, no JSON parsing, no merge: a sync cannot
/// run faster than this with the replica's layout, so comparing (c) with (a) says how much of a
/// ratio target the layout leaves to the code.
enum ReplicaFloorBaseline {
    /// Rows per transaction: a pull page.
    static let pageRows = SyncSession.defaultPullPageSize

    /// Writes rows `order` of `workload` with their states into a fresh file at `path`, in that order
    /// (row `order[i]` gets sequence i + 1; in key order, the floor of an ordered snapshot), and
    /// returns the seconds the transactions took (the states are encoded outside the clock).
    static func seconds(_ workload: Workload, order: [Int], path: String) throws -> Double {
        let rows = order.count
        let db = try RawSQLite.plainFile(path)
        let origin = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
        var state: OpaquePointer?
        let stateSQL = "INSERT INTO _fl_row (tbl, rid, seq, state) VALUES (?1, ?2, ?3, ?4)"
        guard sqlite3_prepare_v2(db.handle, stateSQL, -1, &state, nil) == SQLITE_OK, let state else {
            throw BenchError("prepare: \(String(cString: sqlite3_errmsg(db.handle)))")
        }
        defer { sqlite3_finalize(state) }
        var total = 0.0
        for start in stride(from: 0, to: rows, by: pageRows) {
            let page = order[start..<min(rows, start + pageRows)]
            let states = page.map { RowStateJSON.encode(version(workload, $0, origin: origin)) }
            total += try Stopwatch.seconds {
                try db.execute("BEGIN")
                try db.insertRows(workload, page)
                for (offset, json) in states.enumerated() {
                    let index = page[page.startIndex + offset]
                    sqlite3_reset(state)
                    sqlite3_bind_text(state, 1, Workload.table(of: index), -1, csqlite_transient())
                    sqlite3_bind_text(state, 2, workload.id(index), -1, csqlite_transient())
                    sqlite3_bind_int64(state, 3, Int64(page.startIndex + offset + 1))
                    json.withUnsafeBufferPointer { bytes in
                        _ = sqlite3_bind_text(
                            state, 4, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                            Int32(bytes.count), csqlite_transient())
                    }
                    guard sqlite3_step(state) == SQLITE_DONE else {
                        throw BenchError("state insert: \(String(cString: sqlite3_errmsg(db.handle)))")
                    }
                }
                try db.execute("COMMIT")
            }
        }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db.handle, "SELECT count(*) FROM _fl_row", -1, &statement, nil)
        let stored = sqlite3_step(statement) == SQLITE_ROW ? Int(sqlite3_column_int64(statement, 0)) : -1
        sqlite3_finalize(statement)
        guard stored == rows else { throw BenchError("the floor stored \(stored) states, expected \(rows)") }
        return total
    }

    /// Row `index` of `workload` as one write of `origin` makes it: every field set by one dot.
    static func version(_ workload: Workload, _ index: Int, origin: ReplicaID) -> RowVersion {
        let table = Workload.table(of: index)
        let dot = Dot(replica: origin, counter: UInt64(index + 1))
        let values = workload.values(index)
        var fields: [String: [Sibling]] = [:]
        for (column, value) in zip(Workload.spec(table).columnNames, values.dropFirst()) {
            fields[column] = [Sibling(dot: dot, value: fieldValue(value))]
        }
        return RowVersion(
            table: table, id: workload.id(index), clock: VersionVector([origin: dot.counter]),
            live: [Sibling(dot: dot, value: .integer(1))], fields: fields)
    }

    private static func fieldValue(_ value: SQLValue) -> FieldValue {
        switch value {
        case .integer(let integer): .integer(integer)
        case .real(let real): .real(real)
        case .text(let text): .text(text)
        case .null, .blob: .null
        }
    }
}
