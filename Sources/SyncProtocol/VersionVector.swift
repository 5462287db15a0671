/// A version vector: for each replica, the highest counter of its writes that a row's state includes.
///
/// On the wire it is a JSON object `{"replica": counter, ...}`; absent replicas count as 0.
///
/// A row names few replicas, so the counters are kept as a small array sorted by replica: comparing
/// and merging two vectors is a walk over both, with no hashing.
public struct VersionVector: Hashable, Sendable, Codable {
    /// One replica's counter in a vector.
    public struct Entry: Hashable, Sendable {
        /// The replica.
        public let replica: ReplicaID
        /// The replica's counter (1 or more).
        public let counter: UInt64

        /// The counter of `replica`.
        package init(replica: ReplicaID, counter: UInt64) {
            self.replica = replica
            self.counter = counter
        }
    }

    /// The counters sorted by replica; never holds a zero, never names a replica twice.
    public private(set) var entries: [Entry]

    /// The counters by replica; never holds a zero.
    public var counters: [ReplicaID: UInt64] {
        Dictionary(uniqueKeysWithValues: entries.lazy.map { ($0.replica, $0.counter) })
    }

    /// An empty vector (a state that has seen no write).
    public init() { entries = [] }

    /// A vector with the given counters (zeros are dropped).
    public init(_ counters: [ReplicaID: UInt64]) {
        entries = counters.compactMap { $0.value > 0 ? Entry(replica: $0.key, counter: $0.value) : nil }
        entries.sort { $0.replica < $1.replica }
    }

    /// A vector over `entries`, which must already be sorted by replica, name each replica once and
    /// hold no zero.
    package init(sortedEntries entries: [Entry]) {
        assert(entries.allSatisfy { $0.counter > 0 }, "a zero counter")
        assert(zip(entries, entries.dropFirst()).allSatisfy { $0.replica < $1.replica }, "unsorted entries")
        self.entries = entries
    }

    /// The counter for `replica` (0 when absent).
    public subscript(replica: ReplicaID) -> UInt64 {
        get {
            if entries.count <= 8 {
                for entry in entries where entry.replica == replica { return entry.counter }
                return 0
            }
            let (position, present) = search(replica)
            return present ? entries[position].counter : 0
        }
        set {
            let (position, present) = search(replica)
            switch (present, newValue == 0) {
            case (true, true): entries.remove(at: position)
            case (true, false): entries[position] = Entry(replica: replica, counter: newValue)
            case (false, true): break
            case (false, false): entries.insert(Entry(replica: replica, counter: newValue), at: position)
            }
        }
    }

    /// Raises each counter to `other`'s where `other`'s is higher, in place, when `other` names no
    /// replica this vector lacks; returns false (and changes nothing) when it does.
    ///
    /// A vector held nowhere else is raised where it stands, with no new storage: SyncCore's
    /// `formMerge(with:)` uses it before falling back to building the merged vector.
    package mutating func raiseInPlace(toCover other: VersionVector) -> Bool {
        var position = 0
        for entry in other.entries {
            while position < entries.count, entries[position].replica < entry.replica { position += 1 }
            guard position < entries.count, entries[position].replica == entry.replica else { return false }
        }
        position = 0
        for entry in other.entries {
            while entries[position].replica != entry.replica { position += 1 }
            if entry.counter > entries[position].counter { entries[position] = entry }
        }
        return true
    }

    /// Where `replica` is in `entries`, or where it would be inserted.
    private func search(_ replica: ReplicaID) -> (position: Int, present: Bool) {
        if entries.count <= 8 {
            for (position, entry) in entries.enumerated() {
                if entry.replica == replica { return (position, true) }
                if replica < entry.replica { return (position, false) }
            }
            return (entries.endIndex, false)
        }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].replica < replica { low = middle + 1 } else { high = middle }
        }
        return (low, low < entries.count && entries[low].replica == replica)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: UInt64].self)
        self.init(Dictionary(uniqueKeysWithValues: raw.map { (ReplicaID($0.key), $0.value) }))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: entries.map { ($0.replica.rawValue, $0.counter) }))
    }
}
