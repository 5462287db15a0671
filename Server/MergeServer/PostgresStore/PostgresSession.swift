import Logging
import NIOCore
import PostgresNIO

/// A value bound to a statement of the PostgreSQL store: the few types its tables use.
enum PostgresValue: Sendable {
    case text(String)
    case integer(Int64)
    case null
    /// A `text[]` (for `unnest` and `= ANY`).
    case texts([String])
    /// A `bigint[]`.
    case integers([Int64])

    /// `text`, or SQL NULL for nil.
    static func optional(_ text: String?) -> PostgresValue { text.map(PostgresValue.text) ?? .null }
}

/// A row a statement returned, read by column position.
struct PostgresResultRow {
    let cells: PostgresRandomAccessRow

    /// Column `index` as text; nil for NULL.
    func text(_ index: Int) throws -> String? { try cells[index].decode(String?.self) }

    /// Column `index` as an integer; nil for NULL.
    func integer(_ index: Int) throws -> Int64? { try cells[index].decode(Int64?.self) }

    /// Column `index`'s bytes as sent (a `text` column's UTF-8); nil for NULL.
    func bytes(_ index: Int) throws -> [UInt8]? {
        try cells[index].decode(ByteBuffer?.self).map { Array($0.readableBytesView) }
    }
}

/// One connection of the PostgreSQL store's pool, as its operations use it: statements with
/// positional parameters (`$1`…), and transactions that roll back when their body throws.
struct PostgresSession {
    let connection: PostgresConnection
    /// Never logs statements or their values: they carry personal data.
    static let logger = Logger(label: "farelegami-server.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Runs `sql` with `values` and returns every row it produced.
    @discardableResult
    func rows(_ sql: String, _ values: [PostgresValue] = []) async throws -> [PostgresResultRow] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .null: bindings.appendNull()
            case .texts(let texts): bindings.append(texts)
            case .integers(let integers): bindings.append(integers)
            }
        }
        var result: [PostgresResultRow] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger) {
            result.append(PostgresResultRow(cells: row.makeRandomAccess()))
        }
        return result
    }

    /// Runs `body` in a transaction (`isolation`: `READ COMMITTED`, PostgreSQL's default, or
    /// `REPEATABLE READ` for reads that must see one snapshot): committed when it returns, rolled
    /// back when it throws.
    func transaction<T>(isolation: String = "READ COMMITTED", _ body: () async throws -> T) async throws -> T {
        try await rows("BEGIN ISOLATION LEVEL \(isolation)")
        let value: T
        do {
            value = try await body()
        } catch {
            _ = try? await rows("ROLLBACK")
            throw error
        }
        try await rows("COMMIT")
        return value
    }
}
