/// The answer to `GET /v1/status`: sync progress of the caller's site (every site for the central office).
public struct StatusReport: Sendable, Codable, Equatable {
    /// The token's site.
    public var site: String
    /// Whether the site is the central office.
    public var central: Bool
    /// The store's epoch.
    public var epoch: String
    /// The sites reported: the caller's own, or every site for the central office.
    public var sites: [SiteStatus]
    /// The last server sequence assigned.
    public var latestSequence: UInt64
    /// Open conflicts (one per conflicting field) on rows the caller may see, by table.
    public var openConflicts: [String: Int]
    /// The server's schema version: the newest catalog the central office published (nil: an older server).
    public var schemaVersion: Int?

    /// A value with every field given.
    public init(
        site: String, central: Bool, epoch: String, sites: [SiteStatus], latestSequence: UInt64, openConflicts: [String: Int],
        schemaVersion: Int? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.site = site
        self.central = central
        self.epoch = epoch
        self.sites = sites
        self.latestSequence = latestSequence
        self.openConflicts = openConflicts
    }
}

/// The replicas of one site.
public struct SiteStatus: Sendable, Codable, Equatable {
    /// The site id.
    public var site: String
    /// Whether it is the central office.
    public var central: Bool
    /// Its replicas, by id.
    public var replicas: [ReplicaProgress]

    /// A value with every field given.
    public init(site: String, central: Bool, replicas: [ReplicaProgress]) {
        self.site = site
        self.central = central
        self.replicas = replicas
    }
}

/// How far one replica has synced. Times are ISO-8601 UTC; `null` when it never pushed or pulled.
public struct ReplicaProgress: Sendable, Codable, Equatable {
    /// The replica id.
    public var replica: String
    /// When the replica first shook hands.
    public var firstSeen: String
    /// When it last pushed.
    public var lastPush: String?
    /// When it last pulled.
    public var lastPull: String?
    /// The `through` of its last pull.
    public var pulledThrough: UInt64
    /// How many server sequences it has not pulled yet (`latestSequence - pulledThrough`).
    public var behind: UInt64
    /// The replica this one took over from when it found it was a copy of it (a file restored from
    /// an older copy, or a second copy of one file); null for a replica made by `farelegami init`.
    public var forkedFrom: String?
    /// When it took over (ISO-8601 UTC), with `forkedFrom`.
    public var forkedAt: String?
    /// The rows the replica held back from sync at its last handshake (null: it never said, an
    /// older client): each waits until the office corrects it, while the rest syncs.
    public var heldBack: HeldBackReport?
    /// When the central office retired the replica (a computer that will never come back), if it did.
    public var retiredAt: String?
    /// The schema version the replica said it syncs at in its last handshake (null: an older server).
    public var schemaVersion: Int?

    public func encode(to encoder: any Encoder) throws {
        // Explicit nulls: every field is always present on the wire.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(replica, forKey: .replica)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(lastPush, forKey: .lastPush)
        try container.encode(lastPull, forKey: .lastPull)
        try container.encode(pulledThrough, forKey: .pulledThrough)
        try container.encode(behind, forKey: .behind)
        try container.encode(forkedFrom, forKey: .forkedFrom)
        try container.encode(forkedAt, forKey: .forkedAt)
        try container.encode(heldBack, forKey: .heldBack)
        try container.encode(retiredAt, forKey: .retiredAt)
        try container.encode(schemaVersion, forKey: .schemaVersion)
    }

    /// A value with every field given.
    public init(
        replica: String, firstSeen: String, lastPush: String?, lastPull: String?, pulledThrough: UInt64, behind: UInt64,
        forkedFrom: String? = nil, forkedAt: String? = nil, heldBack: HeldBackReport? = nil, retiredAt: String? = nil,
        schemaVersion: Int? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.heldBack = heldBack
        self.retiredAt = retiredAt
        self.forkedFrom = forkedFrom
        self.forkedAt = forkedAt
        self.replica = replica
        self.firstSeen = firstSeen
        self.lastPush = lastPush
        self.lastPull = lastPull
        self.pulledThrough = pulledThrough
        self.behind = behind
    }
}
