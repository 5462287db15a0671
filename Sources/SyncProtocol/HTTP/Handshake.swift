/// The body of `POST /v1/handshake`: who the replica is and which versions it speaks.
public struct HandshakeRequest: Sendable, Codable, Equatable {
    /// The wire protocol version the client speaks.
    public var protocolVersion: Int
    /// The schema version of the client's replica.
    public var schemaVersion: Int
    /// The replica id; registered to the token's site the first time the server sees it.
    public var replica: String

    /// A handshake for `replica`.
    public init(protocolVersion: Int, schemaVersion: Int, replica: String) {
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.replica = replica
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

    /// A value with every field given.
    public init(protocolVersion: Int, schemaVersion: Int, epoch: String, site: String, central: Bool, latestSequence: UInt64) {
        self.protocolVersion = protocolVersion
        self.schemaVersion = schemaVersion
        self.epoch = epoch
        self.site = site
        self.central = central
        self.latestSequence = latestSequence
    }
}
