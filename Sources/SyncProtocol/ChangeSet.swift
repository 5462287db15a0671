/// What one replica has that a peer lacks: a batch of row versions, with the versions of the protocol
/// and schema they were written under.
///
/// The same document is written to a file by `farelegami changes export` and carried over HTTP by
/// `/v1/push` and `/v1/pull`. See `protocol/SYNC.md`.
public struct ChangeSet: Hashable, Sendable, Codable {
    /// Always `farelegami-changeset`: tells a change-set file from any other JSON.
    public var format: String
    /// The wire protocol version (`ProtocolVersion.current`).
    public var protocolVersion: Int
    /// The replica schema version the rows follow.
    public var schemaVersion: Int
    /// The replica that wrote the change set.
    public var origin: ReplicaID
    /// The origin's site (`crema`, `cremona`, `casalmaggiore`, `hq`).
    public var site: String
    /// The origin's change sequence this set starts after (0: from the beginning).
    public var since: UInt64
    /// The origin's change sequence this set includes up to.
    public var through: UInt64
    /// The row versions.
    public var rows: [RowVersion]
    /// Retained views of rows of this set that are contested deletes (an edit concurrent with a
    /// delete): for each, the state of the side that was still live, which keeping the row brings
    /// back. Absent when there are none (older builds never write it and ignore it).
    public var retained: [RowVersion]?

    /// The value of `format` in every change set.
    public static let formatName = "farelegami-changeset"

    /// A change set from `origin` covering `since < sequence <= through`.
    public init(
        schemaVersion: Int, origin: ReplicaID, site: String, since: UInt64, through: UInt64, rows: [RowVersion]
    ) {
        self.format = Self.formatName
        self.protocolVersion = ProtocolVersion.current
        self.schemaVersion = schemaVersion
        self.origin = origin
        self.site = site
        self.since = since
        self.through = through
        self.rows = rows
    }
}

/// The versions of the wire protocol.
public enum ProtocolVersion {
    /// The protocol this build speaks.
    public static let current = 1
}
