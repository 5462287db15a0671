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
    /// - Throws: `ServerError.forbidden` naming the first row or replica the pusher may not write:
    ///   an origin that is not one of the pusher's replicas, a row carrying writes of another site's
    ///   replica that the server has not seen, or (for a non-central site) a site-class row of another site.
    static func make(
        _ changeSet: ChangeSet, by pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        stored: [RowKey: RowVersion], catalog: Catalog
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
        var originCounters = Set<UInt64>()
        for row in changeSet.rows {
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
            try authorize(row, over: states[index], pusher: pusher, replicaSites: replicaSites, catalog: catalog)
            try authorizeResolution(row, over: states[index], pusher: pusher, catalog: catalog)
            let outcome = RowVersion.merge(local: states[index], remote: row)
            if outcome.changed {
                states[index] = outcome.merged
                changed[index] = true
            }
            // Equal copies compare by identity first: a row new here costs no field-by-field walk.
            lastPushedIsState[index] = outcome.merged == row
        }
        var writes: [Write] = []
        writes.reserveCapacity(keys.count)
        for index in keys.indices where changed[index] {
            guard let merged = states[index] else { continue }
            let previous = stored[keys[index]]
            guard merged != previous else { continue }
            writes.append(Write(
                key: keys[index], previous: previous, merged: merged,
                lastWriter: lastPushedIsState[index] ? changeSet.origin : nil))
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

    /// A site adds only its own replicas' writes (which also stops a pusher inflating another
    /// replica's counter to erase its writes), and a non-central site writes only its own site-class rows.
    /// The central office may relay other replicas' writes: it is how an office with no network at
    /// all reaches the server, by carrying a change-set file to hq.
    private static func authorize(
        _ row: RowVersion, over stored: RowVersion?, pusher: AuthenticatedSite, replicaSites: [ReplicaID: String],
        catalog: Catalog
    ) throws(ServerError) {
        let storedClock = stored?.clock ?? VersionVector()
        for (replica, counter) in row.clock.entries.map({ ($0.replica, $0.counter) })
        where !pusher.central && counter > storedClock[replica] && replicaSites[replica] != pusher.site {
            let whose = replicaSites[replica].map { "a replica of site \($0)" } ?? "not registered with the server"
            throw .forbidden(
                "row \(RowKey(row)) carries writes of replica \(replica) (\(whose)) that the server has not received: "
                    + "site \(pusher.site) may only push its own replicas' writes")
        }
        guard !pusher.central, catalog.table(named: row.table)?.privacy == .site else { return }
        if row.owningSite != pusher.site {
            throw .forbidden(
                "row \(RowKey(row)) belongs to site \(row.owningSite ?? "(none)"): "
                    + "site \(pusher.site) may only push its own site-class rows")
        }
        if let stored, stored.owningSite != pusher.site {
            throw .forbidden(
                "row \(RowKey(row)) is held by the server as site \(stored.owningSite ?? "(none)")'s: "
                    + "site \(pusher.site) may only push its own site-class rows")
        }
    }
}
