/// The rows a replica holds back from sync until they are corrected (a value the sync cannot carry,
/// a row of another office): said at the handshake so that the central office sees them in its status.
public struct HeldBackReport: Sendable, Codable, Equatable {
    /// At most this many rows are listed; `total` counts them all.
    public static let maxRows = 100
    /// The longest reason, table, column or row id the server keeps (characters).
    public static let maxTextLength = 400

    /// How many rows the replica holds back.
    public var total: Int
    /// The first of them (at most `maxRows`), oldest first.
    public var rows: [HeldBackRow]

    /// A report of `total` rows listing `rows`.
    public init(total: Int, rows: [HeldBackRow]) {
        self.total = total
        self.rows = rows
    }

    /// Whether the report is within the limits the server accepts: at most `maxRows` rows, none
    /// longer than `maxTextLength`, and a total no smaller than the rows listed.
    public var isValid: Bool {
        rows.count <= Self.maxRows && total >= rows.count
            && rows.allSatisfy { row in
                [row.table, row.id, row.column, row.reason, row.since].allSatisfy { $0.count <= Self.maxTextLength }
            }
    }
}

/// One row held back from sync: where it is, which field is at fault and why.
public struct HeldBackRow: Sendable, Codable, Equatable {
    /// The row's table.
    public var table: String
    /// The row's id.
    public var id: String
    /// The field at fault (`id` for the key).
    public var column: String
    /// Why the write cannot be synced, in words.
    public var reason: String
    /// When the row was first held back (ISO-8601 UTC).
    public var since: String

    /// A row with every field given.
    public init(table: String, id: String, column: String, reason: String, since: String) {
        self.table = table
        self.id = id
        self.column = column
        self.reason = reason
        self.since = since
    }
}
