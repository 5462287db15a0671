import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

extension Replica {
    /// Validates and applies a change set carried on a file, in one transaction.
    ///
    /// Files reach the server through the central office: when the central office (or another
    /// replica of the file's own site) imports a file, every row whose state the file changed is
    /// also queued for this replica's next push, carrying the writes as their office made them (its
    /// dots, not this replica's), so the server gets them and the office's own later push finds them
    /// there already. A territorial office cannot relay another office's writes (the server takes from
    /// a site only its own replicas' writes), so it refuses a file exported by another territorial
    /// office before applying anything.
    ///
    /// - Throws: `ReplicaError.changeSetRefused` for bad input, `.fileFromAnotherOffice` for a file
    ///   another territorial office exported; the replica is unchanged.
    @discardableResult
    public func importChangeSet(_ bytes: [UInt8]) throws(ReplicaError) -> ApplySummary {
        let changeSet: ChangeSet
        do {
            // Only a file of this replica's schema version: merging rows of another version outside
            // the server (which holds everything their clocks cover) could drop a newer field's write.
            changeSet = try ChangeSetCodec.decode(bytes, catalog: catalog)
        } catch {
            throw .changeSetRefused(error)
        }
        let relays = isCentral || changeSet.site == site
        guard relays || changeSet.site == Catalog.centralSite else {
            throw .fileFromAnotherOffice(fileSite: changeSet.site, site: site)
        }
        let before = try ReplicaError.wrap("reading the change sequence") { try metaNumber(MetaKey.sequence) }
        return try apply(changeSet.rows, retained: changeSet.retained ?? []) {
            guard relays else { return }
            // Every row the file changed got a local sequence above `before` (cuts of this replica's
            // own writes too, which are queued already): queue them all, keeping their sequence.
            try connection.run(
                "INSERT OR REPLACE INTO _fl_outbox (tbl, rid, seq) SELECT tbl, rid, seq FROM _fl_row WHERE seq > ?1",
                [.integer(Int64(clamping: before))])
        }
    }
}
