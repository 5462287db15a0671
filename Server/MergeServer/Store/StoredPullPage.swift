import SyncProtocol
import SyncWire

/// A page of changes for one replica as a store reads it, in domain terms: the row states the
/// replica receives (each followed by its retained view when it has one), the rows it must forget,
/// and how far the page reaches. Stores return it; the HTTP layer encodes it as the `GET /v1/pull`
/// document (`PullPageEncoding`).
public struct StoredPullPage: Sendable {
    /// A row state on the page.
    public enum State: Sendable {
        /// As the store keeps it: the row version's canonical JSON, sent as it is (never decoded).
        case stored([UInt8])
        /// A version made for this page (a row projected to an older schema version).
        case made(RowVersion)
    }

    /// One entry of the page, in the order they go out.
    public enum Entry: Sendable {
        /// A row the replica receives.
        case row(State)
        /// The retained view of the row just before it (a contested delete's live side).
        case retained(State)
        /// A row the replica must forget (it moved to a site the replica does not receive).
        case forget(RowKey)
    }

    /// The entries, in order.
    public let entries: [Entry]
    /// The store's epoch.
    public let epoch: String
    /// The server sequence the page reaches: the replica's next pull starts after it.
    public let through: UInt64
    /// The newest server sequence when the page was read.
    public let latestSequence: UInt64
    /// How many rows the page carries, by table (retained views not counted).
    public let rowsByTable: [String: Int]

    /// Whether rows after this page are waiting: after `through` for a pull page, further in the
    /// table for a snapshot page.
    public let more: Bool
    /// A snapshot page's last key read (the next page asks for the keys after it); nil for a pull page.
    /// It may come after the page's last row: a row the page skips (one the replica's schema version
    /// has no form of) is still read.
    public let scanEnd: String?

    /// A page of `entries` reaching `through`, read when the newest sequence was `latestSequence`;
    /// `more` by default when rows after `through` exist.
    public init(
        entries: [Entry], epoch: String, through: UInt64, latestSequence: UInt64, rowsByTable: [String: Int], more: Bool? = nil,
        scanEnd: String? = nil
    ) {
        self.scanEnd = scanEnd
        self.entries = entries
        self.epoch = epoch
        self.through = through
        self.latestSequence = latestSequence
        self.rowsByTable = rowsByTable
        self.more = more ?? (through < latestSequence)
    }
    /// How many rows the page carries.
    public var rowCount: Int { rowsByTable.values.reduce(0, +) }
    /// How many rows it tells the replica to forget.
    public var forgetCount: Int {
        entries.reduce(0) { count, entry in
            if case .forget = entry { return count + 1 }
            return count
        }
    }
}
