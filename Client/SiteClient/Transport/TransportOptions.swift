/// Connection options for a ``CurlHTTPClient``.
public struct TransportOptions: Sendable {
    /// How long to wait for a TCP (and TLS) connection before giving up.
    public var connectTimeoutSeconds: Int = 10
    /// A transfer slower than this many bytes per second for ``lowSpeedTimeSeconds`` is aborted.
    public var lowSpeedLimitBytesPerSecond: Int = 1
    /// How long a transfer may stay below ``lowSpeedLimitBytesPerSecond`` before it is aborted.
    public var lowSpeedTimeSeconds: Int = 30
    /// A PEM file of CA certificates to trust instead of the system's (e.g. a self-signed server's).
    public var caCertificatePath: String? = nil
    /// Whether to verify the server's certificate and host name; turn off only for local testing.
    public var verifyTLS: Bool = true
    /// Request bodies larger than this many bytes are gzip-compressed and sent with
    /// `Content-Encoding: gzip`; `nil` never compresses.
    public var compressRequestBodiesOver: Int? = 1024
    /// The most response-body bytes (after decoding) to accept; larger responses fail with
    /// ``TransportError/responseTooLarge(url:limit:)``.
    public var maxResponseBytes: Int = 512 * 1024 * 1024
    /// The `User-Agent` header sent with every request.
    public var userAgent: String = "farelegami"

    /// Creates options; every argument defaults to the value documented on its property.
    public init(
        connectTimeoutSeconds: Int = 10,
        lowSpeedLimitBytesPerSecond: Int = 1,
        lowSpeedTimeSeconds: Int = 30,
        caCertificatePath: String? = nil,
        verifyTLS: Bool = true,
        compressRequestBodiesOver: Int? = 1024,
        maxResponseBytes: Int = 512 * 1024 * 1024,
        userAgent: String = "farelegami"
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.lowSpeedLimitBytesPerSecond = lowSpeedLimitBytesPerSecond
        self.lowSpeedTimeSeconds = lowSpeedTimeSeconds
        self.caCertificatePath = caCertificatePath
        self.verifyTLS = verifyTLS
        self.compressRequestBodiesOver = compressRequestBodiesOver
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}
