import Foundation
import NIOConcurrencyHelpers
import PostgresNIO
import SyncCore
import SyncProtocol

/// The change store in a PostgreSQL database, for a central service that must survive a machine's
/// loss (PostgreSQL's own replication and backups) or run several merge-server processes in front of
/// one database.
///
/// Unlike `SQLiteChangeStore` it is not one process's: every operation runs in a PostgreSQL
/// transaction on a connection of its pool, and pushes from every process take one advisory lock
/// (`PostgresSchema.pushLock`) until they commit, so merges never interleave and server sequences are
/// given in commit order (ARCHITECTURE.md, "The PostgreSQL store").
public final class PostgresChangeStore: ChangeStore {
    /// Where the store is (printed without the password).
    public let location: PostgresLocation
    /// The store's epoch: a random id made when the store was created.
    public let epoch: String
    let client: PostgresClient
    /// Runs the client's connection pool until the store is closed.
    private let running: Task<Void, Never>
    /// The catalog below every published one: the built-in version 1.
    let baseCatalog: Catalog
    /// Every catalog version replicas may sync at, refreshed when another process publishes one.
    let versionsBox: NIOLockedValueBox<CatalogVersions>
    /// The clock, injectable for tests.
    let now: @Sendable () -> Date
    /// Where pushes, pulls, merged rows and conflicts are counted, if anywhere.
    let metrics: ServerMetrics?
    /// This process's pushes, one at a time (`PushTurns`).
    let pushTurns = PushTurns()

    /// Every catalog version replicas may sync at.
    var versions: CatalogVersions { versionsBox.withLockedValue { $0 } }
    /// The server's schema version: the newest catalog published.
    var catalog: Catalog { versions.current }

    private init(
        location: PostgresLocation, client: PostgresClient, running: Task<Void, Never>, epoch: String, base: Catalog,
        versions: CatalogVersions, metrics: ServerMetrics?, now: @escaping @Sendable () -> Date
    ) {
        self.location = location
        self.client = client
        self.running = running
        self.epoch = epoch
        self.baseCatalog = base
        self.versionsBox = NIOLockedValueBox(versions)
        self.metrics = metrics
        self.now = now
    }

    deinit { running.cancel() }

    /// Opens the store at `location` with at most `connections` connections to PostgreSQL.
    ///
    /// - Throws: `ServerError.noStore` when the database holds no store (run `init`),
    ///   `.storeDatabase` when PostgreSQL cannot be reached or refuses the user.
    public static func open(
        _ location: PostgresLocation, catalog: Catalog = .farelegami, metrics: ServerMetrics? = nil, connections: Int = 8,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws(ServerError) -> PostgresChangeStore {
        try await checkReachable(location, doing: "opening the store at \(location)")
        let client = PostgresClient(configuration: location.clientConfiguration(connections: connections))
        let running = Task { await client.run() }
        do {
            let (epoch, versions) = try await withSession(client, location, "opening the store at \(location)") { session in
                let hasMeta = try await session.rows("SELECT to_regclass('meta') IS NOT NULL AND to_regclass('rows') IS NOT NULL")
                guard try hasMeta.first?.cells[0].decode(Bool.self) == true else {
                    throw ServerError.noStore(path: location.description)
                }
                let encoding = try await session.rows("SHOW server_encoding").first?.text(0)
                guard encoding == "UTF8" else {
                    throw ServerError.notAStore(
                        path: location.description, detail: "its database is \(encoding ?? "?"), not UTF8: create it with -E UTF8")
                }
                guard let epoch = try await meta(StoreMeta.epoch, in: session) else {
                    throw ServerError.notAStore(path: location.description, detail: "it has no epoch")
                }
                return (epoch, try await loadCatalogs(in: session, base: catalog, location: location))
            }
            return PostgresChangeStore(
                location: location, client: client, running: running, epoch: epoch, base: catalog, versions: versions,
                metrics: metrics, now: now)
        } catch {
            running.cancel()
            throw error
        }
    }

    /// Creates the store's tables in the existing database at `location`, with a new random epoch.
    /// Returns false, changing nothing, when it already holds a store.
    public static func create(_ location: PostgresLocation) async throws(ServerError) -> Bool {
        try await checkReachable(location, doing: "creating the server store at \(location)")
        return try await withClient(location) { client throws(ServerError) in
            try await withSession(client, location, "creating the server store at \(location)") { session in
                try await session.transaction {
                    // One `init` at a time: two at once would race to write the epoch.
                    try await session.rows("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.pushLock)])
                    for statement in PostgresSchema.statements { try await session.rows(statement) }
                    let settings = [
                        (StoreMeta.epoch, AccessToken.randomHex(byteCount: 16)), (StoreMeta.sequence, "0"),
                        (StoreMeta.storeVersion, String(PostgresSchema.version)), (StoreMeta.createdAt, Timestamp.string(Date())),
                    ]
                    var created = false
                    for (key, value) in settings {
                        let inserted = try await session.rows(
                            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING 1",
                            [.text(key), .text(value)])
                        if key == StoreMeta.epoch { created = !inserted.isEmpty }
                    }
                    return created
                }
            }
        }
    }

    /// Gives the store a new random epoch and returns it (after restoring it from a backup: every
    /// replica then pulls from the start and pushes everything again).
    public static func renewEpoch(_ location: PostgresLocation) async throws(ServerError) -> String {
        let store = try await open(location)
        defer { store.close() }
        let epoch = AccessToken.randomHex(byteCount: 16)
        try await store.withSession("renewing the epoch of \(location)") { session in
            try await session.transaction {
                try await session.rows("UPDATE meta SET value = $1 WHERE key = $2", [.text(epoch), .text(StoreMeta.epoch)])
                // Every replica pulls from the start again (progress only moves forward otherwise).
                try await session.rows("UPDATE replicas SET pulled_through = 0")
            }
        }
        return epoch
    }

    /// Closes the store's connections. Operations after it fail.
    public func close() { running.cancel() }

    /// Runs `body` on a connection of the pool; a failure says it was `doing`.
    func withSession<T: Sendable>(_ doing: String, _ body: (PostgresSession) async throws -> T) async throws(ServerError) -> T {
        try await Self.withSession(client, location, doing, body)
    }

    /// Runs `body` in a transaction on a connection of the pool; a failure says it was `doing`.
    func inTransaction<T: Sendable>(
        _ doing: String, isolation: String = "READ COMMITTED", _ body: (PostgresSession) async throws -> T
    ) async throws(ServerError) -> T {
        try await withSession(doing) { session in try await session.transaction(isolation: isolation) { try await body(session) } }
    }

    static func withSession<T: Sendable>(
        _ client: PostgresClient, _ location: PostgresLocation, _ doing: String, _ body: (PostgresSession) async throws -> T
    ) async throws(ServerError) -> T {
        do {
            return try await client.withConnection { connection in try await body(PostgresSession(connection: connection)) }
        } catch {
            throw failure(error, doing: doing, location: location)
        }
    }

    private static func checkReachable(_ location: PostgresLocation, doing: String) async throws(ServerError) {
        do {
            try await location.checkReachable()
        } catch {
            throw failure(error, doing: doing, location: location)
        }
    }

    /// Runs `body` with a client of `location` whose pool runs for the call only (one-off commands).
    static func withClient<T: Sendable>(
        _ location: PostgresLocation, _ body: (PostgresClient) async throws(ServerError) -> T
    ) async throws(ServerError) -> T {
        let client = PostgresClient(configuration: location.clientConfiguration(connections: 1))
        let running = Task { await client.run() }
        defer { running.cancel() }
        return try await body(client)
    }

    /// `error` as the server reports it: what PostgreSQL answered, or that it could not be reached.
    /// Never the statement or its values (they carry personal data).
    static func failure(_ error: any Error, doing: String, location: PostgresLocation) -> ServerError {
        if let error = error as? ServerError { return error }
        guard let error = error as? PSQLError else { return .internalError("\(doing) failed: \(error)") }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return .storeDatabase(detail: "answered: \(message)\(state)", doing: doing)
        }
        let cause = error.underlying.map { "\($0)" } ?? error.code.description
        return .storeDatabase(detail: "could not be reached (\(cause))", doing: doing)
    }

    static func meta(_ key: String, in session: PostgresSession) async throws -> String? {
        try await session.rows("SELECT value FROM meta WHERE key = $1", [.text(key)]).first?.text(0)
    }

    /// The current time as stored (ISO-8601, UTC).
    func timestamp() -> String { Timestamp.string(now()) }
}
