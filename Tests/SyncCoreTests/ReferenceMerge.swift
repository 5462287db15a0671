import SyncCore
import SyncProtocol

/// The merge as first written, on dictionaries and plain loops: the reference the optimized merge
/// (sorted version vectors, fast paths, in-place field writes) must agree with exactly.
enum ReferenceMerge {
    /// `VersionVector.compare(to:)` by dictionary lookups.
    static func compare(_ lhs: VersionVector, _ rhs: VersionVector) -> CausalOrder {
        let left = lhs.counters
        let right = rhs.counters
        let selfAhead = left.contains { $0.value > right[$0.key, default: 0] }
        let otherAhead = right.contains { $0.value > left[$0.key, default: 0] }
        switch (selfAhead, otherAhead) {
        case (false, false): return .equal
        case (false, true): return .before
        case (true, false): return .after
        case (true, true): return .concurrent
        }
    }

    /// `VersionVector.merged(with:)` as a pointwise maximum of dictionaries.
    static func maximum(_ lhs: VersionVector, _ rhs: VersionVector) -> VersionVector {
        VersionVector(lhs.counters.merging(rhs.counters) { max($0, $1) })
    }

    /// `VersionVector.covers(_:)` by dictionary lookup.
    static func covers(_ clock: VersionVector, _ dot: Dot) -> Bool {
        clock.counters[dot.replica, default: 0] >= dot.counter
    }

    /// `Register.merge` as first written.
    static func register(
        local: [Sibling], localClock: VersionVector, remote: [Sibling], remoteClock: VersionVector
    ) -> [Sibling] {
        if local.count == 1, remote.count == 1, local[0] == remote[0] { return local }
        var result: [Sibling] = []
        for sibling in local where !covers(remoteClock, sibling.dot) || remote.contains(sibling) {
            result.append(sibling)
        }
        for sibling in remote where !covers(localClock, sibling.dot) && !result.contains(sibling) {
            result.append(sibling)
        }
        return result.count < 2 ? result : result.sorted { $0.dot < $1.dot }
    }

    /// What a version says of a field it lacks (its schema version had no such column): nothing
    /// (nil) for a live row, a NULL under each delete's dot (`live` siblings of 0) when it deleted it.
    static func implied(_ version: RowVersion) -> [Sibling]? {
        let deletes = version.live.filter { $0.value == .integer(0) }
        return deletes.isEmpty ? nil : deletes.map { Sibling(dot: $0.dot, value: .null) }
    }

    /// `RowVersion.merge(local:remote:)` as first written, with the rules schema versions added: a
    /// field one side lacks was not in that side's schema version, so the other side's stands,
    /// unless the side that lacks it deleted the row: its deletes wrote the field too (`implied`),
    /// merged with the other side's like any write. Between equal clocks the side that has the
    /// field holds the row's writes of it; a side whose clock is behind adds nothing to a field the
    /// side ahead has.
    static func merge(local: RowVersion?, remote: RowVersion) -> (merged: RowVersion, changed: Bool) {
        guard let local else { return (remote, true) }
        /// `lacking`'s view of the fields only `having` has, merged with `having`'s.
        func fill(_ merged: inout RowVersion, lacking: RowVersion, having: RowVersion, lackingIsLocal: Bool) {
            for (name, siblings) in having.fields where lacking.fields[name] == nil {
                guard let implied = implied(lacking) else {
                    merged.fields[name] = siblings
                    continue
                }
                merged.fields[name] = lackingIsLocal
                    ? register(local: implied, localClock: local.clock, remote: siblings, remoteClock: remote.clock)
                    : register(local: siblings, localClock: local.clock, remote: implied, remoteClock: remote.clock)
            }
        }
        switch compare(local.clock, remote.clock) {
        case .equal:
            var merged = local
            for (name, siblings) in remote.fields where local.fields[name] == nil { merged.fields[name] = siblings }
            return (merged, merged != local)
        case .after:
            var merged = local
            fill(&merged, lacking: local, having: remote, lackingIsLocal: true)
            return (merged, merged != local)
        case .before:
            var merged = remote
            fill(&merged, lacking: remote, having: local, lackingIsLocal: false)
            return (merged, true)
        case .concurrent:
            var merged = local
            merged.clock = maximum(local.clock, remote.clock)
            merged.live = register(
                local: local.live, localClock: local.clock, remote: remote.live, remoteClock: remote.clock)
            for (name, siblings) in local.fields {
                guard let theirs = remote.fields[name] else { continue }
                merged.fields[name] = register(
                    local: siblings, localClock: local.clock, remote: theirs, remoteClock: remote.clock)
            }
            fill(&merged, lacking: local, having: remote, lackingIsLocal: true)
            fill(&merged, lacking: remote, having: local, lackingIsLocal: false)
            return (merged, true)
        }
    }
}
