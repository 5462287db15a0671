import CSQLite

/// A prepared statement, reused across executions (bind, step, reset).
///
/// Not `Sendable`: it belongs to its `Connection`, which one owner uses at a time.
public final class Statement {
    let handle: OpaquePointer
    /// The statement's SQL text.
    public let sql: String
    private unowned let connection: Connection

    init(connection: Connection, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw SQLiteError(code: code, message: connection.lastErrorMessage, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to the parameters `?1`, `?2`, ... after resetting the statement.
    @discardableResult
    public func bind(_ values: [SQLValue]) throws(SQLiteError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
        return self
    }

    /// Binds one value to the parameter at `index` (1-based).
    public func bind(_ value: SQLValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real): code = sqlite3_bind_double(handle, index, real)
        case .text(var text):
            // The string's own UTF-8 with its length: no C string copy made, no strlen.
            code = text.withUTF8 { bindUTF8($0, at: index) }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
            }
        }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Binds UTF-8 bytes as TEXT to the parameter at `index` (1-based), without making a `String` first.
    public func bindText(_ bytes: [UInt8], at index: Int32) throws(SQLiteError) {
        let code = bytes.withUnsafeBufferPointer { bindUTF8($0, at: index) }
        guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }

    /// Binds `utf8` as TEXT (SQLite copies it); returns SQLite's result code.
    private func bindUTF8(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int32) -> Int32 {
        utf8.withMemoryRebound(to: CChar.self) { chars in
            guard let address = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, csqlite_transient()) }
            return sqlite3_bind_text(handle, index, address, Int32(chars.count), csqlite_transient())
        }
    }

    /// Advances to the next row; false when done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = connection.error(code, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion, ignoring any rows.
    public func run() throws(SQLiteError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// The number of columns in each result row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The value of result column `index` (0-based) in the current row.
    public func value(at index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT: return .text(text(at: index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let pointer = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    /// The integer in result column `index` (0 for NULL).
    public func int64(at index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The text in result column `index` (nil for NULL).
    public func text(at index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The text in result column `index` if it holds TEXT (nil otherwise), and whether its bytes are
    /// valid UTF-8: invalid sequences read as U+FFFD. One copy of the bytes, checked as it is made.
    public func checkedText(at index: Int32) -> (text: String, valid: Bool)? {
        guard sqlite3_column_type(handle, index) == SQLITE_TEXT, let pointer = sqlite3_column_text(handle, index) else {
            return nil
        }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, index)))
        // ASCII (most text) is valid as it is; `String(validating:)` is generic, so not specialised here.
        if !bytes.contains(where: { $0 >= 0x80 }) { return (String(decoding: bytes, as: UTF8.self), true) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        return (String(decoding: bytes, as: UTF8.self), false)
    }

    /// The bytes of result column `index`, read as UTF-8 text or blob, without copying into a String.
    public func withBytes<T>(at index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let pointer = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Every value of the current row.
    public func row() -> [SQLValue] {
        (0..<columnCount).map(value(at:))
    }
}
