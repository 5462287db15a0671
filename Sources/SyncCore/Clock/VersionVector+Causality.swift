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
    @inline(__always)
    public func covers(_ dot: Dot) -> Bool {
        if entries.count > 8 { return self[dot.replica] >= dot.counter }
        for entry in entries where entry.replica == dot.replica { return entry.counter >= dot.counter }
        return false
    }

    /// The pointwise maximum: every write included in either vector.
    ///
    /// Both vectors are sorted by replica, so this is one merging walk over the two.
    public func merged(with other: VersionVector) -> VersionVector {
        let lhs = entries
        let rhs = other.entries
        if rhs.isEmpty { return self }
        if lhs.isEmpty { return other }
        var result: [Entry] = []
        result.reserveCapacity(lhs.count + rhs.count)
        var i = 0
        var j = 0
        while i < lhs.count, j < rhs.count {
            let left = lhs[i]
            let right = rhs[j]
            if left.replica == right.replica {
                result.append(left.counter >= right.counter ? left : right)
                i += 1
                j += 1
            } else if left.replica < right.replica {
                result.append(left)
                i += 1
            } else {
                result.append(right)
                j += 1
            }
        }
        while i < lhs.count {
            result.append(lhs[i])
            i += 1
        }
        while j < rhs.count {
            result.append(rhs[j])
            j += 1
        }
        return VersionVector(sortedEntries: result)
    }

    /// Makes this vector `merged(with: other)`, in place when `other` names no replica it lacks.
    public mutating func formMerge(with other: VersionVector) {
        if !raiseInPlace(toCover: other) { self = merged(with: other) }
    }

    /// Compares this vector with `other`.
    ///
    /// Both vectors are sorted by replica and hold no zero, so a replica only one side names puts
    /// that side ahead.
    public func compare(to other: VersionVector) -> CausalOrder {
        let lhs = entries
        let rhs = other.entries
        var selfAhead = false
        var otherAhead = false
        var i = 0
        var j = 0
        while i < lhs.count, j < rhs.count, !(selfAhead && otherAhead) {
            let left = lhs[i]
            let right = rhs[j]
            if left.replica == right.replica {
                if left.counter > right.counter { selfAhead = true }
                if right.counter > left.counter { otherAhead = true }
                i += 1
                j += 1
            } else if left.replica < right.replica {
                selfAhead = true
                i += 1
            } else {
                otherAhead = true
                j += 1
            }
        }
        if i < lhs.count { selfAhead = true }
        if j < rhs.count { otherAhead = true }
        switch (selfAhead, otherAhead) {
        case (false, false): return .equal
        case (false, true): return .before
        case (true, false): return .after
        case (true, true): return .concurrent
        }
    }
}
