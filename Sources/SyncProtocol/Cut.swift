/// One write a replica made: its dot's counter and a random tag drawn when it was made.
///
/// Two copies of one replica file (a copy put back after an update, or started on a second machine)
/// reuse the same counters for different writes; their tags tell them apart, so the server can see
/// that a counter it already holds from a replica now comes with other content (protocol/SYNC.md,
/// "Restored and copied replicas").
public struct Cut: Hashable, Sendable, Codable {
    /// The dot's counter.
    public let counter: UInt64
    /// 16 lowercase hexadecimal digits, random.
    public let tag: String

    /// A cut with `counter` and `tag`.
    public init(counter: UInt64, tag: String) {
        self.counter = counter
        self.tag = tag
    }

    /// A cut of `counter` with a fresh random tag.
    public static func random(counter: UInt64) -> Cut {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return Cut(counter: counter, tag: String(repeating: "0", count: 16 - hex.count) + hex)
    }

    /// The most cuts one request names (the newest ones): a replica that could not push for a long
    /// time has more, and the older ones are compared at later syncs.
    public static let maxPerRequest = 128

    /// `COUNTER.TAG`, comma-separated: the form of `POST /v1/push?cuts=`.
    public static func queryText(_ cuts: [Cut]) -> String {
        cuts.map { "\($0.counter).\($0.tag)" }.joined(separator: ",")
    }

    /// Reads the form of `queryText`; nil when any part is not `COUNTER.TAG` with a counter ≥ 1 and a
    /// tag of 16 hexadecimal digits, or when there are more than `maxPerRequest`.
    public static func parse(queryText text: Substring) -> [Cut]? {
        guard !text.isEmpty else { return [] }
        var cuts: [Cut] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
            guard pieces.count == 2, let counter = UInt64(pieces[0]) else { return nil }
            cuts.append(Cut(counter: counter, tag: String(pieces[1])))
        }
        return areValid(cuts) ? cuts : nil
    }

    /// Whether a request may name `cuts`: at most `maxPerRequest`, each with a counter ≥ 1 and a tag
    /// of 16 lowercase hexadecimal digits.
    public static func areValid(_ cuts: [Cut]) -> Bool {
        cuts.count <= maxPerRequest && cuts.allSatisfy { $0.counter > 0 && isTag($0.tag) }
    }

    /// Whether `text` is 16 lowercase hexadecimal digits.
    public static func isTag(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
