/// The identity of one replica: a random code chosen when the replica file is created.
///
/// A replica id is never reused: a re-created replica gets a new one, so a counter never restarts
/// under an id that peers have already seen.
public struct ReplicaID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The id as text (lower-case letters and digits).
    public let rawValue: String

    /// Wraps an id read from storage or from the wire.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A new random replica id (96 bits, base-32 text).
    public static func random() -> ReplicaID {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var generator = SystemRandomNumberGenerator()
        let text = (0..<20).map { _ in alphabet[Int(generator.next() % 32)] }
        return ReplicaID(String(text))
    }

    public var description: String { rawValue }
    public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
