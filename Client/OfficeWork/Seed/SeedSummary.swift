/// How far a seed run is: the table just written and the rows written so far.
public struct SeedProgress: Sendable, Equatable {
    /// The table just written.
    public let table: String
    /// Rows written to that table.
    public let rows: Int
    /// Rows written to every table so far.
    public let total: Int
}

/// What `seed` wrote: rows per table.
public struct SeedSummary: Sendable, Equatable, Encodable {
    /// Rows written, by table.
    public let rows: [String: Int]
    /// The scale asked for.
    public let scale: Int
    /// The random seed used.
    public let seed: UInt64

    /// Every row written.
    public var total: Int { rows.values.reduce(0, +) }
}
