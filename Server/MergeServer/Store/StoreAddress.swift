import SyncCore

/// A change store the central office administers: the sync operations and the admin commands'
/// (tokens, catalog versions). Both stores are one.
public protocol AdministeredStore: ChangeStore {
    /// Revokes every token of `site` and returns how many were revoked.
    func revokeTokens(site: String) async throws(ServerError) -> Int
    /// Every token of `site` (all sites when nil), oldest first: ids and dates, never a secret.
    func tokens(site: String?) async throws(ServerError) -> [TokenRecord]
    /// Revokes the one token whose id is `id` and returns its site.
    func revokeToken(id: String) async throws(ServerError) -> String
    /// Issues a new token for `site` and revokes its others; returns it and how many were revoked.
    func rotateToken(site: String) async throws(ServerError) -> (token: String, revoked: Int)
    /// Publishes `new` as the server's schema version when it can follow the current one.
    func publishCatalog(_ new: Catalog) async throws(ServerError) -> CatalogChange
}

extension SQLiteChangeStore: AdministeredStore {}
extension PostgresChangeStore: AdministeredStore {}

/// Where a server store is, as `--db` or `--store` name it: a SQLite file (the default, one server
/// process) or a PostgreSQL database (`postgres://USER@HOST[:PORT]/DATABASE`, any number of processes).
public enum StoreAddress: Sendable, CustomStringConvertible {
    /// The SQLite file at this path.
    case sqlite(path: String)
    /// The PostgreSQL database.
    case postgres(PostgresLocation)

    /// `text` read as a `postgres://` address or else a file path.
    ///
    /// - Throws: `ServerError.badStoreAddress` for a `postgres://` address that cannot be used.
    public init(_ text: String) throws(ServerError) {
        self = PostgresLocation.isAddress(text) ? .postgres(try PostgresLocation(text)) : .sqlite(path: text)
    }

    /// The path or the address without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }

    /// Opens the store, counting its sync work in `metrics` when given.
    ///
    /// - Throws: `ServerError.noStore` when there is none (run `init`), `.notAStore`, `.storeDatabase`.
    public func open(metrics: ServerMetrics? = nil) async throws(ServerError) -> any AdministeredStore {
        switch self {
        case .sqlite(let path): try SQLiteChangeStore(path: path, metrics: metrics)
        case .postgres(let location): try await PostgresChangeStore.open(location, metrics: metrics)
        }
    }

    /// Creates an empty store with a new epoch; false, changing nothing, when there already is one.
    public func create() async throws(ServerError) -> Bool {
        switch self {
        case .sqlite(let path): try SQLiteChangeStore.create(path: path)
        case .postgres(let location): try await PostgresChangeStore.create(location)
        }
    }

    /// Gives the store a new random epoch and returns it (after restoring it from a backup).
    public func renewEpoch() async throws(ServerError) -> String {
        switch self {
        case .sqlite(let path): try SQLiteChangeStore.renewEpoch(path: path)
        case .postgres(let location): try await PostgresChangeStore.renewEpoch(location)
        }
    }
}
