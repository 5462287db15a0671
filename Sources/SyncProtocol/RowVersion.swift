/// The complete synced state of one row: its version vector, whether it exists, and every field with
/// the dot(s) that set it.
///
/// Row versions are what change sets carry. Merging two versions of a row (SyncCore's `merge`) is
/// commutative, associative and idempotent, so replicas that have exchanged the same versions hold
/// the same row, whatever the order.
public struct RowVersion: Hashable, Sendable, Codable {
    /// The domain table (`household`, `pact`, ...).
    public var table: String
    /// The row's primary key (`id`).
    public var id: String
    /// Every write the state includes, by replica.
    public var clock: VersionVector
    /// Whether the row exists: siblings of `1` (inserted) or `0` (deleted). A delete is a tombstone.
    public var live: [Sibling]
    /// Each column's siblings, by column name.
    public var fields: [String: [Sibling]]

    /// A row version with the given parts.
    public init(table: String, id: String, clock: VersionVector, live: [Sibling], fields: [String: [Sibling]]) {
        self.table = table
        self.id = id
        self.clock = clock
        self.live = live
        self.fields = fields
    }
}
