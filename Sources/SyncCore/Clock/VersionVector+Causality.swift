import SyncProtocol

/// How two versions of the same row relate in causal order.
public enum CausalOrder: Sendable, Equatable {
    /// Both include exactly the same writes.
    case equal
    /// The left side is included in the right side (the right side dominates).
    case before
    /// The left side includes the right side (the left side dominates).
    case after
    /// Each side includes a write the other lacks.
    case concurrent
}

extension VersionVector {
    /// Whether the write `dot` is included in this vector.
    public func covers(_ dot: Dot) -> Bool {
        self[dot.replica] >= dot.counter
    }

    /// The pointwise maximum: every write included in either vector.
    public func merged(with other: VersionVector) -> VersionVector {
        var result = self
        for (replica, counter) in other.counters where counter > result[replica] {
            result[replica] = counter
        }
        return result
    }

    /// Compares this vector with `other`.
    public func compare(to other: VersionVector) -> CausalOrder {
        var selfAhead = false
        var otherAhead = false
        for (replica, counter) in counters where counter > other[replica] { selfAhead = true; break }
        for (replica, counter) in other.counters where counter > self[replica] { otherAhead = true; break }
        switch (selfAhead, otherAhead) {
        case (false, false): return .equal
        case (false, true): return .before
        case (true, false): return .after
        case (true, true): return .concurrent
        }
    }
}
