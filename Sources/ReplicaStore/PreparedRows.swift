import SyncProtocol

/// Remote row versions, each with its state already encoded as a replica stores it: a sync encodes
/// the next page's rows on its network thread while this page is applied (`Replica.apply`), and a
/// row new here is stored as it is, not encoded again. One value per row, so rows and states
/// cannot come apart.
public struct PreparedRows: Sendable {
    /// One row and its stored form.
    struct Entry: Sendable {
        let row: RowVersion
        let state: [UInt8]
    }

    let entries: [Entry]

    /// `rows` with their states encoded for storage.
    public init(_ rows: [RowVersion]) {
        entries = rows.map { Entry(row: $0, state: RowStateCoding.encode($0)) }
    }
}
