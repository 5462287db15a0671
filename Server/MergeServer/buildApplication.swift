import Hummingbird
import Logging
import SyncCore

/// The merge server application over `store`, listening as `configuration` says.
///
/// - Parameter onListening: called once the socket is bound, with the host and the actual port
///   (useful with port 0).
public func buildApplication(
    store: some ChangeStore, configuration: ServerConfiguration, logger: Logger? = nil,
    onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store, configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "farelegami-server"),
        onServerRunning: { channel in
            await onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger ?? Logger(label: "farelegami-server")
    )
}

/// Opens the store at `configuration.databasePath` and serves it until SIGTERM or SIGINT, then
/// stops accepting connections and lets in-flight requests finish (ServiceLifecycle's graceful shutdown).
///
/// - Throws: `ServerError.noStore` / `.notAStore` when the store cannot be opened; errors binding the socket.
public func runServer(
    _ configuration: ServerConfiguration,
    onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) async throws {
    let store = try SQLiteChangeStore(path: configuration.databasePath)
    let app = buildApplication(store: store, configuration: configuration, onListening: onListening)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
