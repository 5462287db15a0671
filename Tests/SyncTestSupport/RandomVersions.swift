import SyncProtocol

/// Random clocks, siblings and row versions for checking the merge against `ReferenceMerge`,
/// including what well-formed histories never produce (unsorted or repeated siblings, dots the
/// clock does not cover) and versions whose fields share storage or layout.
public struct RandomVersions {
    public var random: SeededGenerator

    /// Replica ids, short and long (a long id is not stored inline in its string).
    public static let replicas = (0..<12).map {
        ReplicaID($0.isMultiple(of: 3) ? "replica-\($0)-k3v5q2m7x9t4w8r2c6n1" : "r\($0)")
    }
    /// Field names a row may have.
    public static let names = ["site_id", "code", "adults", "status", "note", "answered_on"]

    /// A generator starting from `seed`.
    public init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// A clock over `replicaCount` of the replicas, counters 0 to 5 (zeros are dropped).
    public mutating func clock(replicaCount: Int = 4) -> VersionVector {
        var counters: [ReplicaID: UInt64] = [:]
        for replica in Self.replicas.prefix(replicaCount) where Bool.random(using: &random) {
            counters[replica] = UInt64.random(in: 0...5, using: &random)
        }
        return VersionVector(counters)
    }

    /// 0 to 3 siblings with random dots and values, sorted by dot unless `sorted` is false.
    public mutating func siblings(sorted: Bool = true) -> [Sibling] {
        let values: [FieldValue] = [.null, .integer(1), .integer(0), .text("A1"), .text("una nota abbastanza lunga")]
        var result = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            let replica = Self.replicas[Int.random(in: 0..<4, using: &random)]
            let dot = Dot(replica: replica, counter: .random(in: 1...5, using: &random))
            return Sibling(dot: dot, value: values.randomElement(using: &random)!)
        }
        if sorted { result.sort { $0.dot < $1.dot } }
        return result
    }

    /// A pair of concurrent-or-not versions of one row. The remote often derives from the local
    /// (same field layout and shared sibling arrays), sometimes differs in its field names.
    public mutating func pair() -> (local: RowVersion, remote: RowVersion) {
        let sorted = Int.random(in: 0..<10, using: &random) > 0
        var fields: [String: [Sibling]] = [:]
        for name in Self.names where Int.random(in: 0..<4, using: &random) > 0 {
            fields[name] = siblings(sorted: sorted)
        }
        let live = siblings(sorted: sorted)
        let local = RowVersion(table: "household", id: "h1", clock: clock(), live: live, fields: fields)
        var remote = local
        remote.clock = clock()
        if Bool.random(using: &random) { remote.live = siblings(sorted: sorted) }
        for name in Self.names where Int.random(in: 0..<3, using: &random) == 0 {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: remote.fields[name] = nil
            default: remote.fields[name] = siblings(sorted: sorted)
            }
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            // Same content, rebuilt: another layout and no shared storage.
            remote.fields = Dictionary(uniqueKeysWithValues: remote.fields.map { ($0.key, $0.value.map { $0 }) })
        }
        return (local, remote)
    }
}
