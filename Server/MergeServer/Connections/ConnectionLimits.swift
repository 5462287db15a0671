/// How long a connection may take to send a request and how many connections the server holds, so
/// that idle or slow clients (or many of them) cannot exhaust its sockets.
public struct ConnectionLimits: Sendable, Equatable {
    /// Seconds a connection has to send a request's head, from when it opens or the previous
    /// response was sent (an idle keep-alive connection is closed after it).
    public var headerTimeoutSeconds: Double
    /// Seconds a request's body has to arrive in full once its head has.
    public var bodyTimeoutSeconds: Double
    /// Connections held at once, from all addresses.
    public var maxConnections: Int
    /// Connections held at once from one client address.
    public var maxConnectionsPerAddress: Int

    /// The limits a deployment runs with unless told otherwise.
    public static let standard = ConnectionLimits(
        headerTimeoutSeconds: 10, bodyTimeoutSeconds: 120, maxConnections: 2_048, maxConnectionsPerAddress: 256)

    /// Limits with every value given.
    public init(headerTimeoutSeconds: Double, bodyTimeoutSeconds: Double, maxConnections: Int, maxConnectionsPerAddress: Int) {
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
    }
}
