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
        /// The row's retained view to store, when the push changes it: the stored one joined with
        /// what the push's merges gained (`RetainedView.retained`) and the views it carried. Nil when
        /// the view stays as stored (or `merged` is not a contested delete: it then holds none).
        var retained: RowVersion? = nil
    }

    /// The rows whose state changes, in the order they first appear in the push.
    let writes: [Write]
    /// How many row versions the push carried.
    let received: Int
    /// The distinct counters of the origin's latest writes to the pushed rows (usually one: a batch
    /// is cut under one dot), whose receipt the server times.
    var originCounters: [UInt64] = []

    /// Authorizes and merges every row of `changeSet`, pushed with the token of `pusher`.
    ///
    /// - Parameters:
    ///   - replicaSites: the site each replica named by the push (origin and clocks) is registered to;
    ///     unregistered replicas are absent.
    ///   - stored: the stored state of every row the push names, if the server has one.
    /// A row that carries only other sites' writes the server has not received is left as stored
    /// (see `admit`): it is neither written nor refused.
    ///
    ///   - storedRetained: the stored retained view of each of those rows that has one.
    /// - Throws: `ServerError.forbidden` naming the first row or replica the pusher may not write:
    ///   an origin that is not one of the pusher's replicas, a row carrying writes of another site's
    ///   replica that the server has not seen together with the pusher's own, or (for a non-central
    ///   site) a site-class row of another site.
    static func make(
        _ changeSet: ChangeSet, by pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        stored: [RowKey: RowVersion], formerOwners: [RowKey: Set<String>] = [:],
        storedRetained: [RowKey: RowVersion] = [:], catalog: Catalog
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
        var gained: [Int: RowVersion] = [:]
        var originCounters = Set<UInt64>()
        for pushed in changeSet.rows {
            // A delete written on an older schema version is merged and stored with the newer columns
            // it implies (`RowVersion.fillingImpliedFields`), so the merge does not depend on the
            // order of pushes; the pusher, which lacks them, is then sent the stored row back.
            let row = pushed.fillingImpliedFields(catalog.table(named: pushed.table)?.columnNames ?? [])
            originCounters.insert(row.clock[changeSet.origin])
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
            switch try admit(
                row, over: states[index], pusher: pusher, replicaSites: replicaSites,
                formerOwners: formerOwners[key] ?? [], catalog: catalog)
            {
            case .leave: continue
            case .mergeMovedAway: movedAway.insert(index)
            case .merge: break
            }
            try authorizeResolution(row, over: states[index], pusher: pusher, catalog: catalog)
            let outcome = RowVersion.merge(local: states[index], remote: row)
            if outcome.changed, let crowded = outcome.merged.registerBeyondSiblingCap {
                throw .badRequest(
                    code: "invalid_row",
                    message: "row \(key.table)/\(key.id): \(crowded) would hold more than \(Catalog.maxSiblings) "
                        + "concurrent values; resolve its conflict before writing it again")
            }
            if let view = RetainedView.retained(local: states[index], remote: row, merged: outcome.merged) {
                gained[index] = RetainedView.join(gained[index], view)
            }
            if outcome.changed {
                states[index] = outcome.merged
                changed[index] = true
            }
            // Equal copies compare by identity first: a row new here costs no field-by-field walk.
            lastPushedIsState[index] = outcome.merged == pushed
        }
        // Retained views the pusher holds for its rows: only live states of a pushed row, with no
        // write the row's merged state lacks (nothing the server could not check enters through them).
        for view in changeSet.retained ?? [] where view.isLive {
            guard let index = position[RowKey(view)], let merged = states[index],
                [.before, .equal].contains(view.clock.compare(to: merged.clock))
            else { continue }
            gained[index] = RetainedView.join(gained[index], view)
        }
        var writes: [Write] = []
        writes.reserveCapacity(keys.count)
        for index in keys.indices where changed[index] || gained[index] != nil || movedAway.contains(index) {
            guard let merged = states[index] else { continue }
            let previous = stored[keys[index]]
            let held = storedRetained[keys[index]]
            var retained: RowVersion?
            if gained[index] != nil, merged.isContestedDelete, let joined = RetainedView.join(held, gained[index]),
                joined != held
            {
                retained = joined
            }
            // An edit of a moved row that adds nothing is still written when the server has not
            // recorded the pusher as a former owner: that is what makes its next pull forget the row.
            let mustRecordForget = movedAway.contains(index) && formerOwners[keys[index]]?.contains(pusher.site) != true
            // A row whose state and view stay as stored needs no write (a retried push, say).
            guard merged != previous || retained != nil || mustRecordForget else { continue }
            writes.append(Write(
                key: keys[index], previous: previous, merged: merged,
                lastWriter: lastPushedIsState[index] ? changeSet.origin : nil,
                movedAwayFrom: movedAway.contains(index) ? pusher.site : nil, retained: retained))
        }
        return PushPlan(writes: writes, received: changeSet.rows.count, originCounters: originCounters.sorted())
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

    /// What the push does with one row.
    enum Admission {
        /// Merge it into the stored state.
        case merge
        /// Merge it: the pusher's edit of a row given meanwhile to another site, which the pusher
        /// must then forget (`isEditConcurrentWithAMoveAway`).
        case mergeMovedAway
        /// Leave the row as the server holds it (it carries no write of the pusher's the server lacks).
        case leave
    }

    /// Whether `row` is merged into `stored`, or left as the server holds it; throws to refuse the
    /// whole push.
    ///
    /// The rules, for a site that is not the central office (the central office is admitted always:
    /// it may relay other replicas' writes, which is how an office with no network at all reaches
    /// the server, by carrying a change-set file to hq):
    /// - it pushes a site-class row only when both the pushed version and the stored one are its own,
    ///   or when the row is its edit of a row given meanwhile to another site (merged, so that one
    ///   moved row never blocks an office);
    /// - it adds only its own replicas' writes. Let *new* be the replicas whose counter in the pushed
    ///   clock is above the stored one's (writes the server has not received):
    ///   - every new replica is the pusher's: merged;
    ///   - none is (the row carries only other sites' writes the server lacks, as when an office
    ///     re-pushes, after a server restore, a row it pulled from another office): left as the server
    ///     holds it. Nothing of the pusher's is in it, so nothing is lost; the row's own writers push
    ///     their writes again themselves. The pusher cannot alter the row this way: no dot it did not
    ///     write enters the store, so it can neither forge another site's values nor inflate another
    ///     replica's counter to erase its writes;
    ///   - some are and some are not (its own writes on top of another site's the server lacks):
    ///     refused. Merging would let those foreign writes in; dropping the row would lose the
    ///     pusher's. The push succeeds once that other site has synced.
    private static func admit(
        _ row: RowVersion, over stored: RowVersion?, pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        formerOwners: Set<String>, catalog: Catalog
    ) throws(ServerError) -> Admission {
        guard !pusher.central else { return .merge }
        var admission = Admission.merge
        if catalog.table(named: row.table)?.privacy == .site {
            if row.owningSite != pusher.site {
                throw .forbidden(
                    "row \(RowKey(row)) belongs to site \(row.owningSite ?? "(none)"): "
                        + "site \(pusher.site) may only push its own site-class rows")
            }
            if let stored, stored.owningSite != pusher.site {
                guard isEditConcurrentWithAMoveAway(
                    row, over: stored, pusher: pusher, replicaSites: replicaSites, formerOwners: formerOwners)
                else {
                    // Said without whether the row exists here or whose it is: the pusher learns nothing new.
                    throw .forbidden(
                        "site \(pusher.site) may not write row \(RowKey(row)): an office writes only its own "
                            + "households, persons and pacts")
                }
                admission = .mergeMovedAway
            }
        }
        let storedClock = stored?.clock ?? VersionVector()
        var addsOwnWrites = false
        var foreign: (replica: ReplicaID, site: String?)?
        for entry in row.clock.entries where entry.counter > storedClock[entry.replica] {
            let site = replicaSites[entry.replica]
            if site == pusher.site { addsOwnWrites = true } else if foreign == nil { foreign = (entry.replica, site) }
        }
        guard let foreign else { return admission }
        guard addsOwnWrites else { return .leave }
        let whose = foreign.site.map { "a replica of site \($0)" } ?? "not registered with the server"
        throw .forbidden(
            "row \(RowKey(row)) carries writes of replica \(foreign.replica) (\(whose)) that the server has not received "
                + "together with site \(pusher.site)'s own: site \(pusher.site) may only push its own replicas' writes "
                + "(sync again once that site has synced)")
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
