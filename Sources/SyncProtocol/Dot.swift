/// The identity of one write: the replica that made it and that replica's counter at the time.
///
/// Dots are unique: a replica increments its counter before every new version it writes.
/// On the wire a dot is the pair `["replica", counter]`.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The replica that made the write.
    public let replica: ReplicaID
    /// The replica's counter for that write (1 or more).
    public let counter: UInt64

    /// A dot for `replica` at `counter`.
    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    /// Orders by counter, then by replica id: a total order every replica computes alike.
    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        (lhs.counter, lhs.replica.rawValue) < (rhs.counter, rhs.replica.rawValue)
    }

    public var description: String { "\(replica.rawValue):\(counter)" }
}
