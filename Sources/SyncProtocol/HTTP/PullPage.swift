
/// The answer to `GET /v1/pull`: one page of the rows that changed on the server after `since`.
public struct PullPage: Sendable, Codable, Equatable {
    /// The store's epoch (see `HandshakeReply.epoch`); compare it with the one the cursor was taken under.
    public var epoch: String
    /// The changed rows the caller may hold, in server-sequence order, without the ones the pulling
    /// replica pushed itself in exactly this state.
    public var rows: [RowVersion]
    /// Site-class rows that moved away from the caller's site (e.g. a household the central office gave
    /// to another site): the replica must delete its copy without syncing the delete.
    public var forget: [RowKey]
    /// The highest server sequence this page scanned: the `since` of the next page.
    public var through: UInt64
    /// Whether rows after `through` exist (ask for the next page).
    public var more: Bool
    /// The last server sequence assigned.
    public var latestSequence: UInt64
    /// Retained views of rows of this page that are contested deletes (an edit concurrent with a
    /// delete): for each, the state of the side that was still live, which `conflicts resolve --keep`
    /// brings back. Sent under the row's own privacy rule; absent when there are none (older servers
    /// never send it, older clients ignore it).
    public var retained: [RowVersion]?

    /// A value with every field given.
    public init(
        epoch: String, rows: [RowVersion], forget: [RowKey], through: UInt64, more: Bool, latestSequence: UInt64,
        retained: [RowVersion]? = nil
    ) {
        self.epoch = epoch
        self.rows = rows
        self.forget = forget
        self.through = through
        self.more = more
        self.latestSequence = latestSequence
        self.retained = retained
    }
}
