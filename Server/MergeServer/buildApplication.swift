import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import SyncCore

/// The merge server application over `store`, listening as `configuration` says.
///
/// - Parameters:
///   - metrics: where requests are counted and what `GET /metrics` emits: pass the metrics the store
///     was opened with.
///   - now: the clock of the dashboard.
///   - onListening: called once the socket is bound, with the host and the actual port
///     (useful with port 0).
public func buildApplication(
    store: any ChangeStore, configuration: ServerConfiguration, metrics: ServerMetrics = ServerMetrics(),
    now: @escaping @Sendable () -> Date = Date.init, logger: Logger? = nil,
    server: HTTPServerBuilder = .http1(),
    onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store, configuration: configuration, metrics: metrics, now: now),
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "farelegami-server"),
        onServerRunning: { channel in
            await onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger ?? Logger(label: "farelegami-server")
    )
}

/// Opens the store at `configuration.databasePath` (a SQLite file or a PostgreSQL address) and serves it until SIGTERM or SIGINT, then
/// stops accepting connections and lets in-flight requests finish (ServiceLifecycle's graceful shutdown).
///
/// - Throws: `ServerError.noStore` / `.notAStore` when the store cannot be opened, `.internalError` when
///   the TLS certificate or key cannot be read; errors binding the socket.
public func runServer(
    _ configuration: ServerConfiguration,
    onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) async throws {
    let metrics = ServerMetrics()
    let store = try await StoreAddress(configuration.databasePath).open(metrics: metrics)
    let http1 = HTTP1Channel.Configuration.guarded(by: configuration.connectionLimits)
    let server = try configuration.tls.map { tls throws(ServerError) in
        try ServerTLS.server(certificatePath: tls.certificatePath, keyPath: tls.keyPath, http1: http1)
    } ?? .http1(configuration: http1)
    let app = buildApplication(
        store: store, configuration: configuration, metrics: metrics, server: server, onListening: onListening)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
