import CSQLite

/// Process-wide settings of the SQLite library, applied once before its first use.
public enum SQLiteLibrary {
    /// Applies the settings; every `Connection` calls it before opening, and code that opens
    /// SQLite through the C API directly calls it first.
    ///
    /// Memory statistics are turned off: Debian's library keeps them on, so each of SQLite's
    /// allocations (several per row written through a trigger, as it is built without lookaside
    /// memory) took and released a process-wide mutex, 15 % of the CPU of captured writes. Nothing
    /// here reads them (`sqlite3_memory_used`, soft heap limits).
    public static func configure() {
        _ = configured
    }

    /// Runs once per process (a static `let` is initialised once, thread-safely).
    private static let configured: Bool = csqlite_disable_memory_statistics() == SQLITE_OK
}
