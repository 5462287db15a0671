/// Where and how the office app listens.
public struct OfficeAppConfiguration: Sendable {
    /// The replica file the app works on.
    public var databasePath: String
    /// The address to listen on (loopback by default).
    public var host: String
    /// The port (0: any free one).
    public var port: Int
    /// The TLS certificate chain and key (PEM files), for listening beyond loopback.
    public var tls: (certificatePath: String, keyPath: String)?
    /// Listen beyond loopback without TLS: passwords and beneficiaries' data then cross the LAN in
    /// clear, so it must be asked for explicitly.
    public var insecureLAN: Bool

    /// A configuration for the replica at `databasePath` on `host`:`port`.
    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8420,
        tls: (certificatePath: String, keyPath: String)? = nil, insecureLAN: Bool = false
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.tls = tls
        self.insecureLAN = insecureLAN
    }

    /// Whether `host` is a loopback address (only this computer can connect).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Refuses to listen beyond loopback in clear unless asked to.
    ///
    /// - Throws: `OfficeAppError.insecureListen` saying what to do.
    public func check() throws(OfficeAppError) {
        guard isLoopback || tls != nil || insecureLAN else {
            throw .insecureListen(
                "listening on \(host) lets other computers connect: give --tls-cert and --tls-key, "
                    + "or --insecure-lan if the office's network is trusted (passwords then travel in clear)")
        }
    }
}
