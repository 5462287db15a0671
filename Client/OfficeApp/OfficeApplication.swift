import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging

/// The office app over the replica at `configuration.databasePath`.
///
/// - Parameter onListening: called once the socket is bound, with the actual port (useful with port 0).
/// - Throws: `OfficeAppError` when the replica cannot be opened, the address needs TLS, or the TLS
///   files cannot be read.
public func buildOfficeApplication(
    _ configuration: OfficeAppConfiguration, logger: Logger? = nil,
    onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws(OfficeAppError) -> some ApplicationProtocol {
    try configuration.check()
    let desk = try ReplicaDesk(path: configuration.databasePath)
    let accounts = try AccountDesk(path: configuration.databasePath)
    let sessions = SessionStore()
    let texts = Texts.italian
    let router = Router(context: OfficeRequestContext.self)
    router.middlewares.add(StaffSessionMiddleware(sessions: sessions, accounts: accounts, texts: texts))
    OfficeRoutes(desk: desk, sessions: sessions, accounts: accounts, texts: texts, secureCookies: configuration.tls != nil)
        .register(on: router)
    let server: HTTPServerBuilder
    if let tls = configuration.tls {
        server = try tlsServer(certificatePath: tls.certificatePath, keyPath: tls.keyPath)
    } else {
        server = .http1()
    }
    return Application(
        router: router, server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "farelegami-office"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger ?? Logger(label: "farelegami-office"))
}

/// Serves the office app until SIGTERM or SIGINT.
public func runOfficeApp(
    _ configuration: OfficeAppConfiguration, onListening: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws {
    let app = try buildOfficeApplication(configuration, onListening: onListening)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}

private func tlsServer(certificatePath: String, keyPath: String) throws(OfficeAppError) -> HTTPServerBuilder {
    do {
        let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        guard !certificates.isEmpty else { throw OfficeAppError.tls("\(certificatePath) holds no PEM certificate") }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        return try .tls(.http1(), tlsConfiguration: tls)
    } catch let error as OfficeAppError {
        throw error
    } catch {
        throw .tls("cannot use the TLS certificate \(certificatePath) and key \(keyPath) (\(error)): give PEM files that match")
    }
}
