import ArgumentParser
import Foundation
import MergeServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sync API until SIGTERM or SIGINT (in-flight requests finish first).",
        discussion: "Prints 'listening on http://HOST:PORT' to standard error once the socket is bound.")

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed once listening).")
    var port = 8080

    @Option(name: .customLong("max-body-mb"), help: "The largest request body accepted, in MiB (after gzip decompression).")
    var maxBodyMB = ServerConfiguration.defaultMaxBodyBytes / (1_024 * 1_024)

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serve HTTPS with this certificate chain (PEM).", valueName: "path"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The private key (PEM) of --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Option(help: "Seconds a connection has to send a request's head (from opening, or after the previous answer).")
    var headerTimeout: Double = ConnectionLimits.standard.headerTimeoutSeconds

    @Option(help: "Seconds a request's body has to arrive in full.")
    var bodyTimeout: Double = ConnectionLimits.standard.bodyTimeoutSeconds

    @Option(help: "Connections held at once, in all.")
    var maxConnections: Int = ConnectionLimits.standard.maxConnections

    @Option(help: "Connections held at once from one client address.")
    var maxConnectionsPerAddress: Int = ConnectionLimits.standard.maxConnectionsPerAddress
    @Option(
        name: .customLong("metrics-token-file"),
        help: ArgumentHelp(
            "A file whose first line is a token that may read /metrics and nothing else (for a scraper); "
                + "without it only the central office's token may.", valueName: "path"))
    var metricsTokenFile: String?

    func validate() throws {
        guard headerTimeout > 0, bodyTimeout > 0 else { throw ValidationError("--header-timeout and --body-timeout must be above 0 seconds") }
        guard maxConnections >= 1, maxConnectionsPerAddress >= 1 else {
            throw ValidationError("--max-connections and --max-connections-per-address must be 1 or more")
        }
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("give both --tls-cert and --tls-key, or neither") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...4_096).contains(maxBodyMB) else { throw ValidationError("--max-body-mb must be 1 to 4096") }
    }

    func run() async throws {
        var configuration = ServerConfiguration(
            databasePath: store.db ?? store.store ?? "", host: host, port: port, maxBodyBytes: maxBodyMB * 1_024 * 1_024)
        if let tlsCertificate, let tlsKey { configuration.tls = (tlsCertificate, tlsKey) }
        configuration.connectionLimits = ConnectionLimits(
            headerTimeoutSeconds: headerTimeout, bodyTimeoutSeconds: bodyTimeout, maxConnections: maxConnections,
            maxConnectionsPerAddress: maxConnectionsPerAddress)
        if let metricsTokenFile { try configuration.readMetricsToken(from: metricsTokenFile) }
        let scheme = configuration.tls == nil ? "http" : "https"
        try await runServer(configuration) { host, port in
            FileHandle.standardError.write(Data("listening on \(scheme)://\(host):\(port)\n".utf8))
        }
        FileHandle.standardError.write(Data("stopped\n".utf8))
    }
}
