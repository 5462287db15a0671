import SQLiteDatabase

/// Moves a deployment from its SQLite store to an empty PostgreSQL store: every table copied as it
/// is (the epoch and sequences too, so replicas carry on from their cursors without pulling or
/// pushing anything again), in one PostgreSQL transaction that commits only when every table's
/// count matches the file's.
public enum StoreMigrator {
    /// A table copied, with its row count in the file and in the new store.
    public struct Copied: Sendable, Equatable {
        /// The table.
        public let table: String
        /// Its rows in the SQLite file.
        public let source: Int
        /// Its rows in the PostgreSQL store after the copy.
        public let target: Int
    }

    /// The tables of a store and their columns, parents before children (foreign keys).
    static let tables: [(name: String, columns: [String])] = [
        ("sites", ["site_id", "central", "created_at"]),
        ("tokens", ["token_hash", "site_id", "central", "created_at", "revoked_at"]),
        ("replicas", ["replica_id", "site_id", "first_seen", "last_push_at", "last_pull_at", "pulled_through", "schema_version"]),
        ("rows", ["tbl", "rid", "owner_site", "former_owners", "privacy", "seq", "state", "last_writer"]),
        ("conflicts", ["tbl", "rid", "col", "opened_at"]),
        ("retained", ["tbl", "rid", "state"]),
        ("audit", ["id", "at", "site_id", "replica_id", "action", "tables", "rows", "changed", "forgotten",
                   "conflicts_opened", "conflicts_closed"]),
        ("dot_times", ["seq", "replica_id", "counter", "received_at"]),
        ("replica_cuts", ["replica_id", "counter", "tag"]),
        ("replica_forks", ["replica_id", "forked_from", "forked_at"]),
        ("replica_held_back", ["replica_id", "total", "rows", "reported_at"]),
        ("replica_retirements", ["replica_id", "retired_at"]),
        ("catalogs", ["version", "document", "published_at"]),
    ]

    /// Copies the store at `path` (stop its server first: writes after the copy began are not in it)
    /// into the PostgreSQL store at `location`, created if needed, calling `progress` after each table.
    ///
    /// - Throws: `ServerError.noStore` / `.notAStore` for the file, `.badRequest` when the PostgreSQL
    ///   store already holds sites or rows (nothing is changed), `.storeDatabase`; `.internalError`
    ///   when a count differs after the copy (rolled back: the new store is left empty).
    public static func migrate(
        fromSQLite path: String, to location: PostgresLocation, progress: (Copied) -> Void = { _ in }
    ) async throws(ServerError) -> [Copied] {
        // Opening it brings an older file's layout up to date (tables and columns copied below).
        _ = try SQLiteChangeStore(path: path)
        let source = try ServerError.wrap("opening \(path)") { try Connection(path: path, readOnly: true) }
        try ServerError.wrap("reading \(path)") { try source.execute("BEGIN") }
        defer { try? source.execute("ROLLBACK") }
        _ = try await PostgresChangeStore.create(location)
        let target = try await PostgresChangeStore.open(location)
        defer { target.close() }
        var copied: [Copied] = []
        try await target.inTransaction("copying \(path) into \(location)") { session in
            try await session.rows("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.pushLock)])
            let held = try await session.rows(
                "SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM replicas) + (SELECT count(*) FROM rows)")
            guard try held.first?.integer(0) == 0 else {
                throw ServerError.badRequest(
                    code: "store_not_empty",
                    message: "\(location) already holds sites or rows: migrate into a new, empty database; nothing was changed")
            }
            for table in tables {
                let count = try await copy(table.name, columns: table.columns, from: source, into: session)
                let sourceCount = Int(try source.query("SELECT count(*) FROM \(table.name)").first?[0].integer ?? -1)
                let done = Copied(table: table.name, source: sourceCount, target: count)
                guard done.source == done.target else {
                    throw ServerError.internalError(
                        "copying \(table.name) gave \(count) rows for the file's \(sourceCount); nothing was kept in \(location)")
                }
                copied.append(done)
                progress(done)
            }
            for (table, column) in [("audit", "id"), ("dot_times", "seq")] {
                try await session.rows(
                    "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), coalesce((SELECT max(\(column)) FROM \(table)), 0) + 1, false)")
            }
            for key in [StoreMeta.epoch, StoreMeta.sequence, StoreMeta.createdAt] {
                guard let value = try source.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?[0].text else { continue }
                try await session.rows("UPDATE meta SET value = $1 WHERE key = $2", [.text(value), .text(key)])
            }
        }
        return copied
    }

    /// Copies every row of `table` in statements of up to 30,000 values; returns how many rows the
    /// new store's table then holds.
    private static func copy(_ table: String, columns: [String], from source: Connection, into session: PostgresSession)
        async throws -> Int
    {
        let statement = try source.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table)")
        defer { _ = try? statement.bind([]) }
        let rowsPerStatement = max(1, 30_000 / columns.count)
        var batch: [PostgresValue] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            let rows = batch.count / columns.count
            let tuples = (0..<rows).map { row in
                "(" + (0..<columns.count).map { "$\(row * columns.count + $0 + 1)" }.joined(separator: ", ") + ")"
            }
            try await session.rows(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))", batch)
            batch.removeAll(keepingCapacity: true)
        }
        while try statement.step() {
            for value in statement.row() {
                switch value {
                case .integer(let integer): batch.append(.integer(integer))
                case .text(let text): batch.append(.text(text))
                case .real(let real): batch.append(.integer(Int64(real)))
                case .blob(let bytes): batch.append(.text(String(decoding: bytes, as: UTF8.self)))
                case .null: batch.append(.null)
                }
            }
            if batch.count >= rowsPerStatement * columns.count { try await flush() }
        }
        try await flush()
        return Int(try await session.rows("SELECT count(*) FROM \(table)").first?.integer(0) ?? 0)
    }
}
