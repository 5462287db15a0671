import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to an SQLite database file, with a cache of prepared statements.
///
/// Not `Sendable`: a connection is owned and used by one owner at a time (SQLite's serialized
/// threading is not relied upon).
public final class Connection {
    let handle: OpaquePointer
    /// The file path the connection was opened with.
    public let path: String
    private var statements: [String: Statement] = [:]
    /// The last statements prepared, most of a sync's lookups (replaced in turn).
    private var recent: [(sql: String, statement: Statement)] = []
    private var nextRecent = 0
    /// How many `withoutTriggers` calls are running (the triggers are off while it is above 0).
    private var triggersOffDepth = 0
    /// How many `withoutCheckConstraints` calls are under way (the checks come back with the outermost).
    private var checksOffDepth = 0
    private static let recentCount = 8

    /// Opens (and with `create`, creates) the database at `path`, waiting up to `busyTimeoutMilliseconds`
    /// for locks held by other connections.
    ///
    /// - Throws: `SQLiteError` when the file cannot be opened (missing, unreadable, not a database).
    public init(path: String, create: Bool = false, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5_000)
        throws(SQLiteError)
    {
        SQLiteLibrary.configure()
        var handle: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly {
            flags |= SQLITE_OPEN_CREATE
            Self.createPrivately(path)
        }
        flags |= SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    /// Makes an empty file at `path`, readable and writable by its owner only whatever the umask,
    /// unless a file is there already. SQLite then opens it as a new database, and gives its WAL and
    /// shared-memory files the same mode: replicas hold real names, stores every site's data.
    private static func createPrivately(_ path: String) {
        // An in-memory or temporary database has no file to make.
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        _ = fchmod(descriptor, 0o600)
        close(descriptor)
    }

    deinit {
        recent.removeAll()
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements that return no rows of interest.
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, reused from the cache when this SQL was prepared before.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        // The statements of a row's work (a handful, their SQL in constants) are found by comparing
        // strings, which is immediate for the same constant, before hashing the whole SQL text.
        for (recentSQL, statement) in recent where recentSQL == sql { return statement }
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try Statement(connection: self, sql: sql)
            statements[sql] = statement
        }
        if recent.count < Self.recentCount {
            recent.append((sql, statement))
        } else {
            recent[nextRecent] = (sql, statement)
            nextRecent = (nextRecent + 1) % Self.recentCount
        }
        return statement
    }

    /// Runs `sql` with `values` bound and returns every row.
    public func query(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> [[SQLValue]] {
        let statement = try prepare(sql).bind(values)
        var rows: [[SQLValue]] = []
        while try statement.step() { rows.append(statement.row()) }
        return rows
    }

    /// Runs `sql` with `values` bound, for its effect.
    public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) {
        try prepare(sql).bind(values).run()
    }

    /// Runs `body` in an IMMEDIATE transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with the triggers stored in the database turned off for this connection (other
    /// connections still fire them), and turns them back on after it.
    ///
    /// Statements prepared with triggers compile the triggers' programs in; without them an INSERT
    /// or UPDATE is a plain one (no trigger frame, no statement journal). Each switch makes SQLite
    /// prepare this connection's statements again when they next run (microseconds each).
    /// Calls may nest: the triggers come back on when the outermost returns.
    public func withoutTriggers<T>(_ body: () throws -> T) throws -> T {
        if triggersOffDepth == 0 { try setTriggers(enabled: false) }
        triggersOffDepth += 1
        defer {
            triggersOffDepth -= 1
            if triggersOffDepth == 0 { try? setTriggers(enabled: true) }
        }
        return try body()
    }

    /// Runs `body` with this connection's CHECK constraints not evaluated (`PRAGMA
    /// ignore_check_constraints`; other connections still check), for writes whose every value the
    /// caller has already checked against the same rules.
    ///
    /// SQLite evaluates a `CHECK (c IN ('a', 'b', 'c'))` of three values or more by building a
    /// temporary b-tree of the list each time a statement runs: for a statement run once per row,
    /// opening, filling and closing it cost about as much as writing the row. Each switch makes SQLite
    /// prepare this connection's statements again when they next run. Calls may nest.
    public func withoutCheckConstraints<T>(_ body: () throws -> T) throws -> T {
        if checksOffDepth == 0 { try execute("PRAGMA ignore_check_constraints = ON") }
        checksOffDepth += 1
        defer {
            checksOffDepth -= 1
            if checksOffDepth == 0 { try? execute("PRAGMA ignore_check_constraints = OFF") }
        }
        return try body()
    }

    private func setTriggers(enabled: Bool) throws(SQLiteError) {
        let code = csqlite_enable_triggers(handle, enabled ? 1 : 0)
        guard code == SQLITE_OK else { throw error(code, sql: nil) }
    }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func error(_ code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: code, message: lastErrorMessage, sql: sql)
    }
}
