/// A version vector: for each replica, the highest counter of its writes that a row's state includes.
///
/// On the wire it is a JSON object `{"replica": counter, ...}`; absent replicas count as 0.
public struct VersionVector: Hashable, Sendable, Codable {
    /// The counters by replica; never holds a zero.
    public private(set) var counters: [ReplicaID: UInt64]

    /// An empty vector (a state that has seen no write).
    public init() { counters = [:] }

    /// A vector with the given counters (zeros are dropped).
    public init(_ counters: [ReplicaID: UInt64]) {
        self.counters = counters.filter { $0.value > 0 }
    }

    /// The counter for `replica` (0 when absent).
    public subscript(replica: ReplicaID) -> UInt64 {
        get { counters[replica] ?? 0 }
        set { counters[replica] = newValue == 0 ? nil : newValue }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: UInt64].self)
        self.init(Dictionary(uniqueKeysWithValues: raw.map { (ReplicaID($0.key), $0.value) }))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: counters.map { ($0.key.rawValue, $0.value) }))
    }
}
