/// The body of `POST /v1/handshake`: who the replica is and which versions it speaks.
public struct HandshakeRequest: Sendable, Codable, Equatable {
    /// The wire protocol version the client speaks.
    public var protocolVersion: Int
    /// The schema version of the client's replica.
    public var schemaVersion: Int
    /// The replica id; registered to the token's site the first time the server sees it.
    public var replica: String
    /// The counter of the last write the replica made (absent from older clients): below what the
    /// server holds from it means the replica is an older copy of itself.
    public var counter: UInt64?
    /// The newest writes the replica made that the server has not acknowledged to it (at most
    /// `Cut.maxPerRequest`): one the server holds with another tag means a second copy made it.
    public var cuts: [Cut]?
    /// The replica this one took over from when it found it was a copy (sent once, at the new
    /// replica's first handshake): the server records the fork and says so in its status and audit log.
    public var forkedFrom: String?
    /// The rows the replica holds back from sync until corrected (absent from older clients): the
    /// server keeps the latest report of each replica for the central office's status.
    public var heldBack: HeldBackReport?

    /// A handshake for `replica`.
    public init(
        protocolVersion: Int, schemaVersion: Int, replica: String, counter: UInt64? = nil, cuts: [Cut]? = nil,
        forkedFrom: String? = nil, heldBack: HeldBackReport? = nil
    ) {
        self.heldBack = heldBack
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.replica = replica
        self.counter = counter
        self.cuts = cuts
        self.forkedFrom = forkedFrom
    }
}

/// The answer to a handshake: the server's versions, its store's epoch and the caller's site.
public struct HandshakeReply: Sendable, Codable, Equatable {
    /// The wire protocol version the server speaks.
    public var protocolVersion: Int
    /// The schema version of the server's catalog.
    public var schemaVersion: Int
    /// A random id made when the store was created: a different epoch means the server was replaced or
    /// restored from a backup, so the client must resume pulling from 0 and push everything again.
    public var epoch: String
    /// The token's site.
    public var site: String
    /// Whether the site is the central office.
    public var central: Bool
    /// The last server sequence assigned.
    public var latestSequence: UInt64
    /// The highest counter of the replica's own writes the server holds (0: none).
    public var acknowledgedCounter: UInt64?
    /// True when the replica is behind its own past (its counter below `acknowledgedCounter`, or a cut
    /// the server holds with another tag): it must take a new identity before it pushes or pulls
    /// (protocol/SYNC.md, "Restored and copied replicas"). Nothing was registered or merged.
    public var forked: Bool?

    /// A value with every field given.
    public init(
        protocolVersion: Int, schemaVersion: Int, epoch: String, site: String, central: Bool, latestSequence: UInt64,
        acknowledgedCounter: UInt64? = nil, forked: Bool? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.epoch = epoch
        self.site = site
        self.central = central
        self.latestSequence = latestSequence
        self.acknowledgedCounter = acknowledgedCounter
        self.forked = forked
    }
}
