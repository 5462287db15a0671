import CSQLite
import Foundation
import SQLiteDatabase
import ReplicaStore
import SyncCore

/// A raw `sqlite3*` for the baselines: no wrapper, one prepared statement per table.
final class RawSQLite {
    let handle: OpaquePointer

    /// Opens `path` with the library settings and open flags the product's connections use.
    init(path: String) throws {
        SQLiteLibrary.configure()
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle
        else { throw BenchError("cannot open \(path)") }
        self.handle = handle
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(80))")
        }
    }

    /// Inserts rows `indices` of `workload`, in that order, with one prepared statement per table.
    func insertRows<Indices: Sequence<Int>>(_ workload: Workload, _ indices: Indices) throws {
        var statements: [OpaquePointer] = []
        for table in Workload.tables {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, Workload.insertSQL(table), -1, &statement, nil) == SQLITE_OK, let statement
            else { throw BenchError("prepare: \(String(cString: sqlite3_errmsg(handle)))") }
            statements.append(statement)
        }
        defer { statements.forEach { sqlite3_finalize($0) } }
        for index in indices {
            let statement = statements[index % 3]
            sqlite3_reset(statement)
            for (offset, value) in workload.values(index).enumerated() {
                let position = Int32(offset + 1)
                switch value {
                case .text(let text): sqlite3_bind_text(statement, position, text, -1, csqlite_transient())
                case .integer(let integer): sqlite3_bind_int64(statement, position, integer)
                case .real(let real): sqlite3_bind_double(statement, position, real)
                default: sqlite3_bind_null(statement, position)
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else {
                throw BenchError("insert: \(String(cString: sqlite3_errmsg(handle)))")
            }
        }
    }

    /// The domain tables of a replica without capture triggers or bookkeeping use: the plain tables.
    static let plainSchema: String = {
        let full = ReplicaSchema.sql(for: .farelegami)
        guard let end = full.range(of: "-- Change capture") else { return full }
        return String(full[..<end.lowerBound])
    }()

    /// The settings every file of the benchmark gets, the replica's own (Replica.init): baselines
    /// run with the same cache and sync settings as the engine.
    static let pragmas = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL"

    /// A fresh file at `path` with the plain tables, WAL journal.
    static func plainFile(_ path: String) throws -> RawSQLite {
        let db = try RawSQLite(path: path)
        try db.execute("PRAGMA journal_mode = WAL")
        try db.execute(pragmas)
        try db.execute(plainSchema)
        return db
    }
}

/// A benchmark that could not run.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Baseline (b): SQLite's session extension records the changeset of the same rows on one file,
/// and the changeset is applied to an empty file.
enum SessionBaseline {
    struct Result {
        var generateSeconds: Double
        var applySeconds: Double
        var bytes: Int
    }

    static func run(_ workload: Workload, rows: Int, directory: String) throws -> Result {
        let source = try RawSQLite.plainFile(directory + "/session-source.sqlite")
        let target = try RawSQLite.plainFile(directory + "/session-target.sqlite")
        var session: OpaquePointer?
        guard sqlite3session_create(source.handle, "main", &session) == SQLITE_OK, let session else {
            throw BenchError("sqlite3session_create failed")
        }
        defer { sqlite3session_delete(session) }
        guard sqlite3session_attach(session, nil) == SQLITE_OK else { throw BenchError("sqlite3session_attach failed") }
        var size: Int32 = 0
        var buffer: UnsafeMutableRawPointer?
        let generate = try Stopwatch.seconds {
            try source.execute("BEGIN")
            try source.insertRows(workload, 0..<rows)
            try source.execute("COMMIT")
            guard sqlite3session_changeset(session, &size, &buffer) == SQLITE_OK else {
                throw BenchError("sqlite3session_changeset failed")
            }
        }
        defer { sqlite3_free(buffer) }
        let apply = try Stopwatch.seconds {
            let code = sqlite3changeset_apply(
                target.handle, size, buffer, nil, { _, _, _ in SQLITE_CHANGESET_OMIT }, nil)
            guard code == SQLITE_OK else { throw BenchError("sqlite3changeset_apply failed: \(code)") }
        }
        var count: Int32 = 0
        var statement: OpaquePointer?
        sqlite3_prepare_v2(
            target.handle, "SELECT (SELECT count(*) FROM partner) + (SELECT count(*) FROM need_report) "
                + "+ (SELECT count(*) FROM household)", -1, &statement, nil)
        if sqlite3_step(statement) == SQLITE_ROW { count = sqlite3_column_int(statement, 0) }
        sqlite3_finalize(statement)
        guard count == rows else { throw BenchError("changeset applied \(count) rows, expected \(rows)") }
        return Result(generateSeconds: generate, applySeconds: apply, bytes: Int(size))
    }
}
