import SyncProtocol
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
}

/// The answer to `GET /v1/pull`: one page of the rows that changed on the server after `since`.
public struct PullPage: Sendable, Codable, Equatable {
    /// The store's epoch (see `HandshakeReply.epoch`); compare it with the one the cursor was taken under.
    public var epoch: String
    /// The changed rows the caller may hold, in server-sequence order, without the ones the pulling
    /// replica pushed itself in exactly this state.
    public var rows: [RowVersion]
    /// Site-class rows that moved away from the caller's site (e.g. a household the central office gave
    /// to another site): the replica must delete its copy without syncing the delete.
    public var forget: [RowKey]
    /// The highest server sequence this page scanned: the `since` of the next page.
    public var through: UInt64
    /// Whether rows after `through` exist (ask for the next page).
    public var more: Bool
    /// The last server sequence assigned.
    public var latestSequence: UInt64
}
/// The answer to `POST /v1/push`: what the push changed on the server.
public struct PushReceipt: Sendable, Codable, Equatable {
    /// Row versions in the change set.
    public var received: Int
    /// Rows whose stored state changed (0 when the push was already applied: pushes are idempotent).
    public var changed: Int
    /// Conflicting fields the push opened (one per field whose concurrent writes disagree).
    public var conflictsOpened: Int
    /// The last server sequence assigned, after the push.
    public var latestSequence: UInt64
}
/// The body of every 4xx and 5xx answer: `{"error":{"code":"snake_case","message":"…"}}`.
public struct ErrorBody: Sendable, Codable, Equatable {
    /// The error itself.
    public struct Detail: Sendable, Codable, Equatable {
        /// A stable machine-readable code (`unauthorized`, `forbidden`, `unknown_table`, ...).
        public var code: String
        /// One line a person can act on.
        public var message: String
    }

    /// The error.
    public var error: Detail

    /// An error body with `code` and `message`.
    public init(code: String, message: String) {
        self.error = Detail(code: code, message: message)
    }
}

/// The identity of a synced row: its table and primary key. On the wire `{"table": …, "id": …}`.
public struct RowKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The domain table.
    public let table: String
    /// The row's `id`.
    public let id: String

    /// The row `id` of `table`.
    public init(table: String, id: String) {
        self.table = table
        self.id = id
    }

    /// The key of `row`.


    public var description: String { "\(table)/\(id)" }
}
