import SQLiteDatabase
import SyncCore

/// Why the merge server refused a request or could not do its job. Every message is one line a person
/// can act on; none ever contains a token.
///
/// Over HTTP each case renders as `{"error":{"code":…,"message":…}}` with the status of
/// `ServerError+HTTP.swift`. A refused request never changes the store.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    /// The request has no usable `Authorization: Bearer <token>` header, or the token is unknown or revoked.
    case unauthorized(String)
    /// The token's site may not do this (another site's replica, dots or rows).
    case forbidden(String)
    /// The request is malformed: `code` is `malformed_request`, `unknown_table`, `unknown_column`,
    /// `invalid_value`, `invalid_row` or `bad_parameter`.
    case badRequest(code: String, message: String)
    /// The client speaks another protocol version (`protocol_version`) or schema version (`schema_version`).
    case versionMismatch(code: String, message: String)
    /// The request body (after decompression) is larger than the server accepts.
    case bodyTooLarge(limit: Int)
    /// The request body uses a `Content-Encoding` other than `gzip` or `identity`.
    case unsupportedEncoding(String)
    /// No endpoint at this method and path.
    case notFound(method: String, path: String)
    /// No replica with this id has ever synced with the server (404 `unknown_replica`).
    case unknownReplica(String)
    /// There is no server store at the path.
    case noStore(path: String)
    /// The file exists but is not a FareLegami server store.
    case notAStore(path: String, detail: String)
    /// A site id that is not 1 to 40 lower-case letters, digits, `-` or `_`.
    case invalidSite(String)
    /// Only the catalog's central site (`hq`) is central, and it always is.
    case centralMismatch(site: String)
    /// SQLite failed (busy, disk full, read-only, ...) while doing `doing`; nothing was changed by it.
    case database(SQLiteError, doing: String)
    /// PostgreSQL failed or could not be reached (`detail` says how) while doing `doing`; the
    /// transaction was rolled back, so nothing was changed by it.
    case storeDatabase(detail: String, doing: String)
    /// A `--store` address that cannot be used (`postgres://USER@HOST[:PORT]/DATABASE`).
    case badStoreAddress(String)
    /// A stored row state cannot be read back (the store file was damaged or edited by hand).
    case corruptState(table: String, id: String, detail: String)
    /// A push names a write the server holds from the same replica with other content: the pushing
    /// replica is a second copy of a replica file and must take a new identity (409 `replica_forked`).
    case replicaForked(String)
    /// A catalog version the central office tried to publish cannot follow the current one, or would
    /// strand replicas (400 `catalog_refused`); nothing was stored.
    case catalogRefused(String)
    /// An error no other case describes (a bug): the server log has the details.
    case internalError(String)

    public var description: String {
        switch self {
        case .unauthorized(let message), .forbidden(let message), .internalError(let message):
            message
        case .catalogRefused(let message):
            "\(message); nothing was published"
        case .replicaForked(let replica):
            "replica \(replica) already wrote other changes under the same numbers: this is a copy of its file "
                + "(restored from an older copy, or started on a second machine); an up-to-date farelegami takes "
                + "a new identity by itself and syncs again, losing nothing"
        case .badRequest(_, let message), .versionMismatch(_, let message):
            message
        case .bodyTooLarge(let limit):
            "the request body is larger than the server's limit of \(limit) bytes: push in smaller batches"
        case .unsupportedEncoding(let encoding):
            "Content-Encoding '\(encoding)' is not supported: send the body plain or with 'gzip'"
        case .notFound(let method, let path):
            "no endpoint \(method) \(path): see protocol/SYNC.md for the API"
        case .unknownReplica(let replica):
            "no replica \(replica) has ever synced with this server: check the id in 'farelegami-server status'"
        case .noStore(let path):
            "no server store at \(path): run 'farelegami-server init \(PostgresLocation.isAddress(path) ? "--store" : "--db") \(path)'"
        case .notAStore(let path, let detail):
            "\(path) is not a FareLegami server store (\(detail))"
        case .invalidSite(let site):
            "'\(site)' is not a valid site id: use 1 to 40 lower-case letters, digits, '-' or '_' (e.g. crema)"
        case .centralMismatch(let site):
            "only the central office '\(Catalog.centralSite)' is central, and it always is: "
                + "add '\(site)' \(site == Catalog.centralSite ? "with" : "without") --central"
        case .database(let error, let doing):
            "\(doing) failed: \(error.explanation(of: "the server store"))"
        case .storeDatabase(let detail, let doing):
            "\(doing) failed: the PostgreSQL store \(detail)"
        case .badStoreAddress(let detail):
            "bad store address: \(detail)"
        case .corruptState(let table, let id, let detail):
            "the stored state of \(table)/\(id) cannot be read (\(detail)): restore the server store from a backup"
        }
    }

}

extension ServerError {
    /// The error for a change set or row refused by SyncCore's checks.
    static func refused(_ error: SyncCoreError) -> ServerError {
        switch error {
        case .malformedChangeSet: .badRequest(code: "malformed_request", message: error.description)
        case .unsupportedProtocol(let found, let supported): .protocolMismatch(client: found, server: supported)
        case .schemaMismatch(let found, let expected): .schemaMismatch(client: found, server: expected)
        case .unknownTable: .badRequest(code: "unknown_table", message: error.description)
        case .unknownColumn: .badRequest(code: "unknown_column", message: error.description)
        case .invalidValue: .badRequest(code: "invalid_value", message: error.description)
        case .invalidRow: .badRequest(code: "invalid_row", message: error.description)
        case .invalidCatalog, .catalogFromNewerBuild, .catalogChangeRefused: .catalogRefused(error.description)
        }
    }

    /// The client speaks protocol version `client`, the server `server`: says which side must upgrade.
    static func protocolMismatch(client: Int, server: Int) -> ServerError {
        let upgrade = client < server ? "upgrade the client (farelegami)" : "upgrade the server (farelegami-server)"
        return .versionMismatch(
            code: "protocol_version",
            message: "the client speaks protocol version \(client), this server speaks version \(server): \(upgrade)")
    }

    /// The client's replica has schema version `client`, the server `server`: says which side must upgrade.
    static func schemaMismatch(client: Int, server: Int) -> ServerError {
        let upgrade =
            client < server
            ? "this server no longer knows that version; make a new replica with 'farelegami connect'"
            : "publish that catalog version at the central office ('farelegami-server schema publish FILE') before this replica syncs"
        return .versionMismatch(
            code: "schema_version",
            message: "the replica has schema version \(client), this server has schema version \(server): \(upgrade)")
    }

    /// Runs `body`, turning SQLite failures into `.database` errors that say what was being done.
    static func wrap<T>(_ doing: String, _ body: () throws -> T) throws(ServerError) -> T {
        do {
            return try body()
        } catch let error as ServerError {
            throw error
        } catch let error as SQLiteError {
            throw .database(error, doing: doing)
        } catch {
            throw .internalError("\(doing) failed: \(error)")
        }
    }
}
