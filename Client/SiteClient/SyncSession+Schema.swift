import ReplicaStore
import SyncCore
import SyncProtocol

extension SyncSession {
    /// Moves the replica to the server's schema version when the server has a newer one: fetches that
    /// catalog, migrates the replica in one transaction (with its pull cursor back to 0 when the new
    /// version adds something it was not sent), and says hello again, so the server sends rows as the
    /// new version holds them. Runs after the push: what was written on the old version goes first.
    func upgradeSchemaIfBehind(_ hello: HandshakeReply, into summary: inout SyncSummary) throws(SyncError) {
        let current = replica.catalog
        guard hello.schemaVersion > current.schemaVersion else { return }
        let change: CatalogChange
        do {
            let newer = try api.catalog(version: hello.schemaVersion)
            change = try moveReplica(to: newer)
            api.catalog = newer
        } catch .transport(let error) {
            throw .transport(error)
        } catch {
            // A version this replica cannot move to (or a step of the move that failed, undone whole)
            // does not stop its sync: it keeps syncing on its version, sent rows as that version holds them.
            summary.notices.append(
                "could not move to schema version \(hello.schemaVersion): \(error); "
                    + "this replica keeps syncing on version \(current.schemaVersion) meanwhile")
            return
        }
        summary.notices.append(Self.schemaNotice(change))
        let lineage = try replicaCall { try replica.lineage() }
        _ = try api.handshake(replica: replica.replicaID, lineage: lineage)
    }

    /// The server's schema version (the newest catalog its central office published).
    public func serverSchemaVersion() throws(SyncError) -> Int {
        try api.catalog(version: nil).schemaVersion
    }

    /// Moves the replica to the server's schema version now, without syncing (`farelegami schema
    /// upgrade`); the next sync pulls what the new version adds. Returns nil when it is already there.
    public func upgradeSchemaNow() throws(SyncError) -> CatalogChange? {
        let newest = try api.catalog(version: nil)
        guard newest.schemaVersion > replica.catalog.schemaVersion else { return nil }
        let change = try moveReplica(to: newest)
        api.catalog = newest
        return change
    }

    /// Migrates the replica to `newer` (`SyncSession.move(_:to:)`).
    func moveReplica(to newer: Catalog) throws(SyncError) -> CatalogChange {
        do {
            return try Self.move(replica, to: newer)
        } catch {
            throw .replica(error)
        }
    }

    /// Migrates `replica` to `newer`, a later version of its catalog, with no server involved (a
    /// sync fetches `newer` from the server; `farelegami schema upgrade --catalog` reads it from a
    /// file the central office exported). When the change adds what the replica was not sent, its
    /// pull restarts from the beginning in the same transaction (rows it holds merge to no change).
    /// `fromFile` records, in the same transaction, that the next sync must check `newer` is the
    /// catalog the server published under its number (`verifyCatalogFromFile`).
    public static func move(_ replica: Replica, to newer: Catalog, fromFile: Bool = false) throws(ReplicaError) -> CatalogChange {
        let change: CatalogChange
        do {
            change = try CatalogChange.between(replica.catalog, newer, publishing: false)
        } catch {
            throw .schemaRefused(error)
        }
        try replica.upgradeSchema(to: newer) {
            if change.needsRowsAgain { try SyncRecord.restartPull(in: replica) }
            if fromFile { try replica.setMeta(SyncRecord.Key.catalogFromFile, String(newer.schemaVersion)) }
        }
        return change
    }

    /// After a move with a catalog file, before anything written on that version is pushed: checks
    /// once that the file held the catalog the server published under that number, and refuses the
    /// sync, pushing nothing, when it did not (a draft, a hand-edited file, another deployment's).
    func verifyCatalogFromFile() throws(SyncError) {
        guard try replicaCall({ try replica.meta(SyncRecord.Key.catalogFromFile) }) != nil else { return }
        let version = replica.catalog.schemaVersion
        let published = try api.catalog(version: version)
        guard published.document.encoded() == replica.catalog.document.encoded() else {
            throw .local(
                detail: "this replica was moved to schema version \(version) with a catalog file that is not the one "
                    + "the central office published as version \(version); nothing was pushed: restore the replica "
                    + "from a copy made before the move, then move it again with the file of "
                    + "'farelegami-server schema show --version \(version)' (or let a sync move it)")
        }
        try replicaCall { try replica.setMeta(SyncRecord.Key.catalogFromFile, nil) }
    }

    /// The words for a schema move, as the sync's log line and `status` say them.
    static func schemaNotice(_ change: CatalogChange) -> String {
        "moved to schema version \(change.to) (from \(change.from)): "
            + (change.lines.isEmpty ? "labels only" : change.lines.joined(separator: ", "))
            + (change.needsRowsAgain ? "; rows are pulled again for what is new" : "")
    }
}
