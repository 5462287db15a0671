import SyncCore

/// How many rows the server holds in one synced table: live ones and tombstones (deleted rows, kept so
/// deletes reach every replica), in all and, for site-class tables, by owning site.
public struct TableTotals: Sendable, Equatable, Encodable {
    /// The table.
    public let table: String
    /// Its privacy class: `site` (case data, per site) or `shared`.
    public let privacy: PrivacyClass
    /// Rows that exist.
    public var live: Int
    /// Deleted rows (tombstones).
    public var deleted: Int
    /// For site-class tables, the counts of each owning site, by site id; empty for shared tables.
    public var bySite: [SiteCount]

    /// The rows of one site in a site-class table.
    public struct SiteCount: Sendable, Equatable, Encodable {
        /// The owning site (`(none)` for a row without `site_id`).
        public let site: String
        /// Rows that exist.
        public var live: Int
        /// Deleted rows.
        public var deleted: Int

        /// The counts of `site`.
        public init(site: String, live: Int, deleted: Int) {
            self.site = site
            self.live = live
            self.deleted = deleted
        }
    }

    /// The totals of `table`.
    public init(table: String, privacy: PrivacyClass, live: Int = 0, deleted: Int = 0, bySite: [SiteCount] = []) {
        self.table = table
        self.privacy = privacy
        self.live = live
        self.deleted = deleted
        self.bySite = bySite
    }
}
