import ArgumentParser
import SiteClient

/// The options that bind a replica to a merge server.
struct ConnectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The merge server's URL, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var server: String?

    @Option(name: .long, help: ArgumentHelp(
        "A file holding the site's token (or set FARELEGAMI_TOKEN).", valueName: "path"))
    var tokenFile: String?

    @Option(name: .long, help: ArgumentHelp("A private CA certificate (PEM) to verify the server.", valueName: "path"))
    var cacert: String?

    /// The settings given, or nil when no server was named.
    var settings: SyncSettings? {
        server.map { SyncSettings(serverURL: $0, tokenFile: tokenFile, caCertificate: cacert) }
    }
}
