import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store is: a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]`
/// address. The password is better given in the `PGPASSWORD` environment variable than in the
/// address (a command line is visible to every user of the machine); it is never printed.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    /// The server's host name or address.
    public let host: String
    /// The server's port.
    public let port: Int
    /// The user the store connects as.
    public let user: String
    /// The database holding the store.
    public let database: String
    /// `disable` (the default on loopback), `prefer` or `require`: whether the connection uses TLS.
    public let sslMode: String
    let password: String?

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads `address`, taking the password from `environment["PGPASSWORD"]` when the address has none.
    ///
    /// - Throws: `ServerError.badStoreAddress` saying what is wrong.
    public init(_ address: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ServerError) {
        guard Self.isAddress(address), let components = URLComponents(string: address) else {
            throw .badStoreAddress("'\(Self.redacted(address))' is not a postgres://USER@HOST[:PORT]/DATABASE address")
        }
        guard let host = components.host, !host.isEmpty else { throw .badStoreAddress("the address names no host") }
        guard let user = components.user, !user.isEmpty else {
            throw .badStoreAddress("the address names no user: write postgres://USER@\(host)/DATABASE")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .badStoreAddress("the address names no database: write postgres://\(user)@\(host)/DATABASE")
        }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw .badStoreAddress("sslmode must be disable, prefer or require, not '\(mode)'")
        }
        self.host = host
        port = components.port ?? 5432
        self.user = user
        self.database = database
        sslMode = mode
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
    }

    /// The address without its password: what messages and logs show.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (sslMode == "disable" ? "" : "?sslmode=\(sslMode)")
    }

    /// The TLS mode of `sslmode`.
    private var tls: PostgresClient.Configuration.TLS {
        switch sslMode {
        case "require": .require(.makeClientConfiguration())
        case "prefer": .prefer(.makeClientConfiguration())
        default: .disable
        }
    }

    /// The client configuration, with at most `connections` connections in its pool.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = connections
        configuration.options.connectTimeout = .seconds(10)
        // A connection left in a transaction (a process frozen mid-push) releases its locks after a minute.
        configuration.options.additionalStartupParameters = [("idle_in_transaction_session_timeout", "60000")]
        return configuration
    }

    /// Connects once and closes, so a store that cannot be reached (no server, no such database or
    /// user) fails with PostgreSQL's own reason before a pool retries it.
    func checkReachable() async throws {
        let tls: PostgresConnection.Configuration.TLS =
            switch sslMode {
            case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer": .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: .disable
            }
        var connection = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        connection.options.connectTimeout = .seconds(10)
        let opened = try await PostgresConnection.connect(configuration: connection, id: 0, logger: PostgresSession.logger)
        try await opened.close()
    }

    /// The same server and user, another database (the maintenance database `postgres` creates databases).
    func inDatabase(_ other: String) -> PostgresLocation {
        PostgresLocation(host: host, port: port, user: user, database: other, sslMode: sslMode, password: password)
    }

    private init(host: String, port: Int, user: String, database: String, sslMode: String, password: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.sslMode = sslMode
        self.password = password
    }

    /// `address` with any password replaced by `***`.
    static func redacted(_ address: String) -> String {
        guard var components = URLComponents(string: address), components.password != nil else { return address }
        components.password = "***"
        return components.string ?? "postgres://…"
    }
}

extension PostgresLocation {
    /// Creates the empty database `name` on this server (connected to this location's database) and
    /// returns its location (same user, password and TLS mode); `name` must be a plain identifier
    /// (letters, digits, `_`). UTF-8, byte-order collation, as SQLite compares text.
    public func createDatabase(named name: String) async throws(ServerError) -> PostgresLocation {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw .badStoreAddress("'\(name)' is not a plain database name")
        }
        let location = self
        try await PostgresChangeStore.withClient(location) { client throws(ServerError) in
            try await PostgresChangeStore.withSession(client, location, "creating database \(name)") { session in
                try await session.rows("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
            }
        }
        return inDatabase(name)
    }
}
