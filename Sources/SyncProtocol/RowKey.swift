/// The identity of a synced row: its table and primary key. On the wire `{"table": …, "id": …}`.
public struct RowKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The domain table.
    public let table: String
    /// The row's `id`.
    public let id: String

    /// The row `id` of `table`.
    public init(table: String, id: String) {
        self.table = table
        self.id = id
    }

    /// The row `id` of `table`.
    public init(_ table: String, _ id: String) { self.init(table: table, id: id) }

    /// The key of `row`.
    public init(_ row: RowVersion) { self.init(table: row.table, id: row.id) }

    /// Orders by table, then id.
    public static func < (lhs: RowKey, rhs: RowKey) -> Bool { (lhs.table, lhs.id) < (rhs.table, rhs.id) }

    public var description: String { "\(table)/\(id)" }
}
