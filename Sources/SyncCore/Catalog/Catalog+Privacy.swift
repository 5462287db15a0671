import SyncProtocol

extension Catalog {
    /// The site id of the central office, which sees every site's rows and resolves conflicts.
    public static let centralSite = "hq"

    /// Whether `site` may hold `row`: every site holds shared rows; site-class rows only their own
    /// site and the central office. (Local-class rows are never synced at all.)
    public func site(_ site: String, mayReceive row: RowVersion) -> Bool {
        guard let table = table(named: row.table) else { return false }
        switch table.privacy {
        case .local: return false
        case .shared: return true
        case .site: return site == Self.centralSite || row.owningSite == site
        }
    }
}

extension RowVersion {
    /// The site the row belongs to: its visible `site_id` (kept by deletes, so tombstones have one too).
    public var owningSite: String? {
        if case .text(let site)? = Register.winner(of: fields[RowVersion.ownerColumn] ?? [])?.value { return site }
        return nil
    }
}
