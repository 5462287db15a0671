import SyncProtocol

extension RowVersion {
    /// This version with the writes of `old` numbered above `threshold` renamed as writes of `new`:
    /// counter `c` becomes `c - threshold`, in the clock and in every sibling. Nil when the version
    /// holds no such write.
    ///
    /// A replica that finds it is a copy of itself (restored from an older file, or running twice)
    /// restamps the writes the server may hold from the other copy under the same counters: those
    /// above the last counter the server acknowledged to this copy. The writes at or below it are
    /// the two copies' common past and keep their names, so the clock still covers `old` up to
    /// `threshold` while the restamped writes become concurrent with whatever the other copy wrote.
    public func restamping(_ old: ReplicaID, above threshold: UInt64, as new: ReplicaID) -> RowVersion? {
        let top = clock[old]
        guard top > threshold else { return nil }
        var result = self
        result.clock[old] = threshold
        result.clock[new] = max(clock[new], top - threshold)
        // Siblings stay sorted by dot, as the merge keeps them.
        func rename(_ siblings: [Sibling]) -> [Sibling] {
            var renamed = siblings.map { sibling in
                guard sibling.dot.replica == old, sibling.dot.counter > threshold else { return sibling }
                return Sibling(dot: Dot(replica: new, counter: sibling.dot.counter - threshold), value: sibling.value)
            }
            if renamed.count >= 2 { renamed.sort { $0.dot < $1.dot } }
            return renamed
        }
        result.live = rename(live)
        result.fields = fields.mapValues(rename)
        return result
    }
}
