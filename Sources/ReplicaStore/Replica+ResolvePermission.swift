import SyncCore

extension Replica {
    /// Whether this replica's site may resolve `conflict`: the central office resolves every
    /// conflict, a site only those on its own site-class rows (`Catalog.site(_:mayResolve:)`).
    /// An office's ordinary edit of a field in a conflict it may not resolve adds its value as one
    /// more side (the server refuses a push that settles such a conflict).
    public func mayResolve(_ conflict: OpenConflict) -> Bool {
        guard let state = try? loadState(table: conflict.table, id: conflict.rowID) else { return isCentral }
        return catalog.site(site, mayResolve: state)
    }

    /// Fails with one line saying who may resolve `conflict` unless this replica's site may.
    ///
    /// - Throws: `ReplicaError.notAllowedToResolve`.
    public func requireMayResolve(_ conflict: OpenConflict) throws(ReplicaError) {
        guard !mayResolve(conflict) else { return }
        let state = try? loadState(table: conflict.table, id: conflict.rowID)
        let who = state.map(catalog.whoMayResolve) ?? "only the central office (\(Catalog.centralSite)) resolves it"
        throw .notAllowedToResolve(
            "conflict \(conflict.id) is on \(conflict.table) \"\(describe(conflict).rowName)\" and \(who); "
                + "this replica is site \(site)")
    }
}
