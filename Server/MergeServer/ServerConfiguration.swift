import SyncCore
/// How the merge server runs: its store, where it listens, and how big a request may be.
public struct ServerConfiguration: Sendable {
    /// The default request body limit: 32 MiB.
    public static let defaultMaxBodyBytes = 32 * 1_024 * 1_024

    /// The server store (made by `farelegami-server init`).
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
}
