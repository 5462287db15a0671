import SyncCore
import SyncProtocol

/// What a push does to the store: the rows whose state changes, with their merged versions.
///
/// Made by `PushPlan.make` from the pushed change set and the stored states alone (no I/O), after
/// every row is authorized, so a push that is refused writes nothing.
struct PushPlan: Sendable {
    /// One row whose stored state changes.
    struct Write: Sendable {
        /// The row.
        let key: RowKey
        /// The state the store held before the push (nil: the row is new to the server).
        let previous: RowVersion?
        /// The state to store: the previous one merged with every pushed version of the row.
        let merged: RowVersion
        /// The pushing replica when it already holds exactly `merged` (its pulls skip the row), else nil.
        let lastWriter: ReplicaID?
        /// The pushing site when it edited the row after the central office gave it to another site:
        /// it must forget the row at its next pull.
        var movedAwayFrom: String? = nil
    }

    /// The rows whose state changes, in the order they first appear in the push.
    let writes: [Write]
    /// How many row versions the push carried.
    let received: Int

    /// Authorizes and merges every row of `changeSet`, pushed with the token of `pusher`.
    ///
    /// - Parameters:
    ///   - replicaSites: the site each replica named by the push (origin and clocks) is registered to;
    ///     unregistered replicas are absent.
    ///   - stored: the stored state of every row the push names, if the server has one.
    /// - Throws: `ServerError.forbidden` naming the first row or replica the pusher may not write:
    ///   an origin that is not one of the pusher's replicas, a row carrying writes of another site's
    ///   replica that the server has not seen, or (for a non-central site) a site-class row of another site.
    static func make(
        _ changeSet: ChangeSet, by pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        stored: [RowKey: RowVersion], formerOwners: [RowKey: Set<String>] = [:], catalog: Catalog
    ) throws(ServerError) -> PushPlan {
        try authorizeOrigin(of: changeSet, pusher: pusher, replicaSites: replicaSites)
        // One entry per row named, in order of first appearance, found by one hash of its key: the
        // state so far, whether the push changed it, and whether the last version pushed is that state.
        var position: [RowKey: Int] = [:]
        position.reserveCapacity(changeSet.rows.count)
        var keys: [RowKey] = []
        var states: [RowVersion?] = []
        var changed: [Bool] = []
        var lastPushedIsState: [Bool] = []
        var movedAway: Set<Int> = []
        for row in changeSet.rows {
            let key = RowKey(row)
            let index: Int
            if let known = position[key] {
                index = known
            } else {
                index = keys.count
                position[key] = index
                keys.append(key)
                states.append(stored[key])
                changed.append(false)
                lastPushedIsState.append(false)
            }
            if try authorize(
                row, over: states[index], pusher: pusher, replicaSites: replicaSites,
                formerOwners: formerOwners[key] ?? [], catalog: catalog)
            {
                movedAway.insert(index)
            }
            let outcome = RowVersion.merge(local: states[index], remote: row)
            if outcome.changed, let crowded = outcome.merged.registerBeyondSiblingCap {
                throw .badRequest(
                    code: "invalid_row",
                    message: "row \(key.table)/\(key.id): \(crowded) would hold more than \(Catalog.maxSiblings) "
                        + "concurrent values; resolve its conflict before writing it again")
            }
            if outcome.changed {
                states[index] = outcome.merged
                changed[index] = true
            }
            // Equal copies compare by identity first: a row new here costs no field-by-field walk.
            lastPushedIsState[index] = outcome.merged == row
        }
        var writes: [Write] = []
        writes.reserveCapacity(keys.count)
        for index in keys.indices where changed[index] || movedAway.contains(index) {
            guard let merged = states[index] else { continue }
            let previous = stored[keys[index]]
            // An edit of a moved row that adds nothing is still written when the server has not
            // recorded the pusher as a former owner: that is what makes its next pull forget the row.
            let mustRecordForget = movedAway.contains(index) && formerOwners[keys[index]]?.contains(pusher.site) != true
            guard merged != previous || mustRecordForget else { continue }
            writes.append(Write(
                key: keys[index], previous: previous, merged: merged,
                lastWriter: lastPushedIsState[index] ? changeSet.origin : nil,
                movedAwayFrom: movedAway.contains(index) ? pusher.site : nil))
        }
        return PushPlan(writes: writes, received: changeSet.rows.count)
    }

    private static func authorizeOrigin(
        of changeSet: ChangeSet, pusher: AuthenticatedSite, replicaSites: [ReplicaID: String]
    ) throws(ServerError) {
        guard changeSet.site == pusher.site else {
            throw .forbidden("the change set says it comes from site '\(changeSet.site)' but the token is site \(pusher.site)'s")
        }
        switch replicaSites[changeSet.origin] {
        case nil:
            throw .forbidden("replica \(changeSet.origin) is not registered: call POST /v1/handshake with it first")
        case let site? where site != pusher.site:
            throw .forbidden("replica \(changeSet.origin) belongs to site \(site), not \(pusher.site): use that site's token")
        default:
            break
        }
    }

    /// A site adds only its own replicas' writes (which also stops a pusher inflating another
    /// replica's counter to erase its writes), and a non-central site writes only its own site-class rows.
    /// The central office may relay other replicas' writes: it is how an office with no network at
    /// all reaches the server, by carrying a change-set file to hq.
    ///
    /// - Returns: whether the row is the pusher's edit of a row given meanwhile to another site
    ///   (`isEditConcurrentWithAMoveAway`), which the pusher must then forget.
    private static func authorize(
        _ row: RowVersion, over stored: RowVersion?, pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        formerOwners: Set<String>, catalog: Catalog
    ) throws(ServerError) -> Bool {
        let storedClock = stored?.clock ?? VersionVector()
        for (replica, counter) in row.clock.entries.map({ ($0.replica, $0.counter) })
        where !pusher.central && counter > storedClock[replica] && replicaSites[replica] != pusher.site {
            let whose = replicaSites[replica].map { "a replica of site \($0)" } ?? "not registered with the server"
            throw .forbidden(
                "row \(RowKey(row)) carries writes of replica \(replica) (\(whose)) that the server has not received: "
                    + "site \(pusher.site) may only push its own replicas' writes")
        }
        guard !pusher.central, catalog.table(named: row.table)?.privacy == .site else { return false }
        if row.owningSite != pusher.site {
            throw .forbidden(
                "row \(RowKey(row)) belongs to site \(row.owningSite ?? "(none)"): "
                    + "site \(pusher.site) may only push its own site-class rows")
        }
        guard let stored, stored.owningSite != pusher.site else { return false }
        guard isEditConcurrentWithAMoveAway(
            row, over: stored, pusher: pusher, replicaSites: replicaSites, formerOwners: formerOwners)
        else {
            // Said without whether the row exists here or whose it is: the pusher learns nothing new.
            throw .forbidden(
                "site \(pusher.site) may not write row \(RowKey(row)): an office writes only its own "
                    + "households, persons and pacts")
        }
        return true
    }

    /// Whether `row` is the pusher's edit of a row the central office gave to another site while the
    /// pusher was offline: the pushed version still names the pusher as owner by a write the server
    /// has seen and superseded (the one the move replaced), and it has not seen the move. That write
    /// must be the pusher's own (one of its replicas set it, as when it created the row) or the row
    /// must have belonged to the pusher on the server before (its former owners). Merging it keeps
    /// the office's edit and the move (the new owner keeps the row; the office is told to forget it
    /// at its next pull), so one moved row never blocks an office.
    static func isEditConcurrentWithAMoveAway(
        _ row: RowVersion, over stored: RowVersion, pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        formerOwners: Set<String>
    ) -> Bool {
        guard row.owningSite == pusher.site,
            let pushedOwner = row.fields[RowVersion.ownerColumn], !pushedOwner.isEmpty,
            let storedOwner = stored.fields[RowVersion.ownerColumn], !storedOwner.isEmpty
        else { return false }
        let ownedBefore = formerOwners.contains(pusher.site)
            || pushedOwner.allSatisfy { replicaSites[$0.dot.replica] == pusher.site }
        return ownedBefore
            && pushedOwner.allSatisfy { stored.clock.covers($0.dot) && !storedOwner.contains($0) }
            && storedOwner.allSatisfy { !row.clock.covers($0.dot) }
    }
}

extension RowVersion {
    /// The first register (a field, or `_live`) holding more siblings than `Catalog.maxSiblings`, if any.
    var registerBeyondSiblingCap: String? {
        if live.count > Catalog.maxSiblings { return RowVersion.liveColumn }
        return fields.first { $0.value.count > Catalog.maxSiblings }?.key
    }
}
