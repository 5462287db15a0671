import SyncCore

/// What a list of records is filtered by: words to find, values some columns must have, a date range.
public struct RecordQuery: Sendable, Equatable {
    /// Words every listed row must contain in one of its text columns, in the name of a row it refers
    /// to, or (for households and people) in a person's real name this office keeps; blank: no filter.
    public var search: String
    /// Columns that must hold exactly these values (an enumeration's value, a reference's id).
    public var equals: [String: String]
    /// The earliest date of the kind's date column (`YYYY-MM-DD`), if any.
    public var from: ISODate?
    /// The latest date of the kind's date column, if any.
    public var to: ISODate?
    /// At most this many rows.
    public var limit: Int

    /// A query; by default every row, at most 500.
    public init(
        search: String = "", equals: [String: String] = [:], from: ISODate? = nil, to: ISODate? = nil, limit: Int = 500
    ) {
        self.search = search
        self.equals = equals
        self.from = from
        self.to = to
        self.limit = limit
    }
}
