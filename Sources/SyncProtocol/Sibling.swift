/// One value of a field together with the dot of the write that set it.
///
/// A field normally holds one sibling; concurrent writes of different values leave several, which is
/// a conflict. On the wire a sibling is the array `["replica", counter, value]`.
public struct Sibling: Hashable, Sendable, Codable {
    /// The write that set the value.
    public let dot: Dot
    /// The value written.
    public let value: FieldValue

    /// A sibling holding `value`, set by the write `dot`.
    public init(dot: Dot, value: FieldValue) {
        self.dot = dot
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        let replica = try container.decode(ReplicaID.self)
        let counter = try container.decode(UInt64.self)
        let value = try container.decode(FieldValue.self)
        dot = Dot(replica: replica, counter: counter)
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(dot.replica)
        try container.encode(dot.counter)
        try container.encode(value)
    }
}
