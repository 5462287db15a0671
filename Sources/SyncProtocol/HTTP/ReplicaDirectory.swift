/// The answer to `GET /v1/replicas?since=…`: which site each replica belongs to, and when the server
/// received writes, so that a replica can name a conflict's sides by office and time.
///
/// Neither is personal data: site names are shared, and a dot's time says only when a replica's
/// push reached the server. `dotTimes` is paged by `through`; `replicas` is every registered replica.
public struct ReplicaDirectory: Sendable, Codable, Equatable {
    /// Every replica registered with the server.
    public var replicas: [Entry]
    /// When the server received writes, after position `since` of the request, oldest first.
    public var dotTimes: [DotTime]
    /// The position of the last dot time in this page: pass it as `since` for the next one.
    public var through: UInt64
    /// Whether more dot times follow `through`.
    public var more: Bool

    /// A value with every field given.
    public init(replicas: [Entry], dotTimes: [DotTime], through: UInt64, more: Bool) {
        self.replicas = replicas
        self.dotTimes = dotTimes
        self.through = through
        self.more = more
    }

    /// One replica and its site.
    public struct Entry: Sendable, Codable, Equatable {
        /// The replica id.
        public var replica: String
        /// The site it is registered to (`crema`, `hq`, …).
        public var site: String
        /// When the server first saw it (ISO-8601, UTC).
        public var firstSeen: String

        /// A value with every field given.
        public init(replica: String, site: String, firstSeen: String) {
            self.replica = replica
            self.site = site
            self.firstSeen = firstSeen
        }
    }

    /// When the server received the write of one dot.
    public struct DotTime: Sendable, Codable, Equatable {
        /// The replica of the dot.
        public var replica: String
        /// The dot's counter.
        public var counter: UInt64
        /// When the server received it (ISO-8601, UTC).
        public var receivedAt: String

        /// A value with every field given.
        public init(replica: String, counter: UInt64, receivedAt: String) {
            self.replica = replica
            self.counter = counter
            self.receivedAt = receivedAt
        }
    }
}
