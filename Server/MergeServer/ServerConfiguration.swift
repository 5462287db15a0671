import Foundation
import SyncCore
/// How the merge server runs: its store, where it listens, and how big a request may be.
public struct ServerConfiguration: Sendable {
    /// The default request body limit: 32 MiB.
    public static let defaultMaxBodyBytes = 32 * 1_024 * 1_024

    /// The server store (made by `farelegami-server init`): a SQLite file's path, or a PostgreSQL
    /// database's `postgres://USER@HOST[:PORT]/DATABASE` address (`StoreAddress`).
    public var databasePath: String
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one (reported once listening).
    public var port: Int
    /// The largest request body accepted, before and after gzip decompression (413 beyond).
    public var maxBodyBytes: Int
    /// HTTPS: the server's certificate chain and private key (PEM files); nil serves plain HTTP.
    public var tls: (certificatePath: String, keyPath: String)?
    /// Timeouts and connection caps (`ConnectionLimits.standard` unless set).
    public var connectionLimits = ConnectionLimits.standard
    /// The SHA-256 (hex, `AccessToken.hash`) of a token that may read `GET /metrics` and nothing else,
    /// for a scraper; nil: only the central office's token may. The token itself is never kept.
    public var metricsTokenHash: String?

    /// A configuration serving `databasePath` on `host`:`port`.
    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
        maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sets the metrics token to the first line of the file at `path` (surrounding spaces dropped),
    /// keeping only its hash.
    ///
    /// - Throws: `ServerError.internalError` when the file cannot be read or holds no token.
    public mutating func readMetricsToken(from path: String) throws(ServerError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .internalError("cannot read the metrics token file \(path): check that it exists and the server may read it")
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw .internalError(
                "the metrics token file \(path) holds no token of at least 16 characters: write one, e.g. 'openssl rand -hex 32'")
        }
        metricsTokenHash = AccessToken.hash(token)
    }
}
