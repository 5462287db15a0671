import SyncProtocol

/// Merge rules of one field: a multi-value register whose siblings are the writes no other write
/// has superseded.
public enum Register {
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
        // The common case, a field neither side rewrote: the same single sibling on both sides.
        if local.count == 1, remote.count == 1, local[0] == remote[0] { return local }
        var result: [Sibling] = []
        result.reserveCapacity(max(local.count, remote.count))
        for sibling in local where !remoteClock.covers(sibling.dot) || remote.contains(sibling) {
            result.append(sibling)
        }
        for sibling in remote where !localClock.covers(sibling.dot) && !result.contains(sibling) {
            result.append(sibling)
        }
        return result.count < 2 ? result : result.sorted { $0.dot < $1.dot }
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
