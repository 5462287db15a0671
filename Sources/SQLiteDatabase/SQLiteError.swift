/// An error SQLite reported, with the SQL that caused it.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// SQLite's primary result code (`SQLITE_BUSY` = 5, `SQLITE_CONSTRAINT` = 19, ...).
    public let code: Int32
    /// SQLite's message.
    public let message: String
    /// The statement being prepared or run, when there was one.
    public let sql: String?

    /// An error with SQLite's code and message.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Whether the database file was locked by another connection (`SQLITE_BUSY`).
    public var isBusy: Bool { code & 0xff == 5 }
    /// Whether the disk is full (`SQLITE_FULL`).
    public var isDiskFull: Bool { code & 0xff == 13 }
    /// Whether reading or writing the file failed at the operating-system level (`SQLITE_IOERR`),
    /// e.g. a write refused because the file may not grow.
    public var isIOError: Bool { code & 0xff == 10 }
    /// Whether the file cannot be written (`SQLITE_READONLY`).
    public var isReadOnly: Bool { code & 0xff == 8 }
    /// The file could not be opened (`SQLITE_CANTOPEN`), e.g. its WAL index could not be made.
    public var isCannotOpen: Bool { code & 0xff == 14 }
    /// A constraint failed (UNIQUE, NOT NULL, CHECK, ...).
    public var isConstraint: Bool { code & 0xff == 19 }

    public var description: String { "SQLite error \(code): \(message)" }
}
