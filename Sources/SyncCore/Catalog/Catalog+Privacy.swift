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

extension Catalog {
    /// The column of a site-class table that names the site-class row it hangs from (a person's or a
    /// pact's household, a commitment's or a review's pact), if it has one. Such a row belongs to
    /// that row's site, whoever writes it: the replica's triggers give it that site.
    public func parentColumn(of table: TableSpec) -> ColumnSpec? {
        guard table.privacy == .site else { return nil }
        return table.columns.first { column in
            column.references.flatMap { self.table(named: $0) }?.privacy == .site
        }
    }

    /// The tables whose rows hang from rows of `table` (see `parentColumn(of:)`), with the column
    /// that names the parent, in catalog order.
    public func children(of table: TableSpec) -> [(table: TableSpec, column: ColumnSpec)] {
        tables.compactMap { child in
            parentColumn(of: child).flatMap { $0.references == table.name ? (child, $0) : nil }
        }
    }
}
