import SyncProtocol

/// Merge rules of one field: a multi-value register whose siblings are the writes no other write
/// has superseded.
public enum Register {
    /// Up to this many siblings on both sides together, membership is checked pairwise (cheaper than
    /// hashing for the one or two values a field normally holds); beyond, with sets.
    static let pairwiseLimit = 16

    /// Merges the siblings of one field.
    ///
    /// A sibling survives when both sides hold it, or when the other side has not seen its write
    /// (its dot is not covered by the other side's clock). A sibling the other side has seen but no
    /// longer holds was superseded there, so it is dropped. The result is sorted by dot.
    ///
    /// - Parameters:
    ///   - local: the local siblings; `localClock` covers every write the local row state includes.
    ///   - remote: the remote siblings; `remoteClock` likewise.
    public static func merge(
        local: [Sibling], localClock: VersionVector, remote: [Sibling], remoteClock: VersionVector
    ) -> [Sibling] {
        mergeIfChanged(local: local, localClock: localClock, remote: remote, remoteClock: remoteClock) ?? local
    }

    /// `merge(local:localClock:remote:remoteClock:)`, or nil when the result equals `local`.
    @inline(__always)
    static func mergeIfChanged(
        local: [Sibling], localClock: VersionVector, remote: [Sibling], remoteClock: VersionVector
    ) -> [Sibling]? {
        if isCertainlyUnchanged(local, remote) { return nil }
        if local.count == 1, remote.count == 1 {
            return mergeSingles(local: local, localClock: localClock, remote: remote, remoteClock: remoteClock)
        }
        var result: [Sibling] = []
        result.reserveCapacity(max(local.count, remote.count))
        if local.count + remote.count > Self.pairwiseLimit {
            // Many concurrent values (a hostile push may send up to the cap): look them up in sets,
            // so the work grows with the values, not with their pairs.
            let remoteSet = Set(remote)
            for sibling in local where !remoteClock.covers(sibling.dot) || remoteSet.contains(sibling) {
                result.append(sibling)
            }
            var kept = Set(result)
            for sibling in remote where !localClock.covers(sibling.dot) && kept.insert(sibling).inserted {
                result.append(sibling)
            }
        } else {
            for sibling in local where !remoteClock.covers(sibling.dot) || remote.contains(sibling) {
                result.append(sibling)
            }
            for sibling in remote where !localClock.covers(sibling.dot) && !result.contains(sibling) {
                result.append(sibling)
            }
        }
        if result.count >= 2 { result.sort { $0.dot < $1.dot } }
        return result == local ? nil : result
    }

    /// Whether merging `lhs` with `rhs` certainly leaves `lhs` as it is, read in place (an unchanged
    /// field costs no copy): one sibling on each side, the same (a field neither side rewrote), or
    /// one array on both sides (a copy shares its elements until either is changed) already in the
    /// order `merge` sorts into.
    ///
    /// Merging siblings with themselves keeps them all and sorts them by dot; sorted siblings (each
    /// dot greater than the one before, so no sort can reorder them) therefore come back unchanged.
    @inline(__always)
    static func isCertainlyUnchanged(_ lhs: [Sibling], _ rhs: [Sibling]) -> Bool {
        lhs.withUnsafeBufferPointer { left in
            rhs.withUnsafeBufferPointer { right in
                if left.count == 1, right.count == 1 {
                    return left[0].dot.counter == right[0].dot.counter && left[0].dot.replica == right[0].dot.replica
                        && left[0].value == right[0].value
                }
                // Equal first element addresses mean one buffer.
                return left.baseAddress == right.baseAddress && (left.count < 2 || isSortedByDot(lhs))
            }
        }
    }

    /// Whether each sibling's dot is greater than the dot of the sibling before it.
    private static func isSortedByDot(_ siblings: [Sibling]) -> Bool {
        zip(siblings, siblings.dropFirst()).allSatisfy { $0.dot < $1.dot }
    }

    /// The merge of one sibling on each side, the common case, without building arrays it can share.
    ///
    /// Reads the siblings' parts in place rather than copying them whole.
    @inline(__always)
    private static func mergeSingles(
        local: [Sibling], localClock: VersionVector, remote: [Sibling], remoteClock: VersionVector
    ) -> [Sibling]? {
        // (The same sibling on both sides, a field neither side rewrote, was found unchanged before.)
        let keepMine = !remoteClock.covers(local[0].dot)
        let addTheirs = !localClock.covers(remote[0].dot)
        switch (keepMine, addTheirs) {
        case (true, false): return nil
        case (false, true): return remote
        case (true, true):
            return remote[0].dot < local[0].dot ? [remote[0], local[0]] : [local[0], remote[0]]
        case (false, false): return []
        }
    }

    /// The provisional winner among siblings: the one with the greatest dot, so every replica that
    /// holds the same siblings shows the same value. `nil` for a field never written.
    public static func winner(of siblings: [Sibling]) -> Sibling? {
        siblings.max { $0.dot < $1.dot }
    }

    /// Whether the siblings disagree: two or more different values written concurrently.
    public static func isConflict(_ siblings: [Sibling]) -> Bool {
        guard let first = siblings.first else { return false }
        return siblings.contains { $0.value != first.value }
    }
}
