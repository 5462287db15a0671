import SyncCore
import SyncProtocol

extension PushPlan {
    /// Only a site that may resolve a row's conflicts settles them (`Catalog.site(_:mayResolve:)`):
    /// the central office any, a site those of its own site-class rows. A version that has seen two
    /// or more sides of an open conflict and keeps fewer of them resolves it; from any other site
    /// it is refused (the client adds an office's edit of such a field as one more side instead).
    static func authorizeResolution(
        _ row: RowVersion, over stored: RowVersion?, pusher: AuthenticatedSite, catalog: Catalog
    ) throws(ServerError) {
        guard !pusher.central, let stored, !stored.conflictingColumns.isEmpty,
            !catalog.site(pusher.site, mayResolve: stored)
        else { return }
        let resolved = row.columnsResolving(conflictsOf: stored)
        guard let column = resolved.first else { return }
        throw .forbidden(
            "row \(RowKey(row)) has an open conflict on \(column) and \(catalog.whoMayResolve(stored)): "
                + "site \(pusher.site) may not settle it; ask the central office to resolve it")
    }
}
