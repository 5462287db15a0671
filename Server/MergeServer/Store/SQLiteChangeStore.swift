import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

/// The change store in one SQLite file (WAL journal, `synchronous = FULL`).
///
/// An actor: it is the single owner of the (non-`Sendable`) SQLite connection, so operations run one
/// at a time and each sees the effects of the previous ones. Operations do not suspend while they
/// hold the connection, so a push is authorized and written without another request in between.
/// Request bodies are read and decoded outside the actor; only the store work runs here.
public actor SQLiteChangeStore: ChangeStore {
    /// The file path.
    public nonisolated let path: String
    /// The store's epoch: a random id made when it was created.
    public nonisolated let epoch: String
    /// Every catalog version replicas may sync at (`SQLiteChangeStore+Catalogs`).
    var versions: CatalogVersions
    /// The catalog below every published one: the built-in version 1.
    let baseCatalog: Catalog
    /// The server's schema version: the newest catalog published.
    var catalog: Catalog { versions.current }
    /// Every catalog version replicas may sync at, by version.
    var catalogs: [Int: Catalog] { versions.byVersion }
    /// The clock, injectable for tests.
    let now: @Sendable () -> Date
    /// Where pushes, pulls, merged rows and opened and resolved conflicts are counted, if anywhere.
    let metrics: ServerMetrics?
    let connection: Connection
    let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
    let decoder = JSONDecoder()

    /// How many rows a push writes per transaction, so a big push never holds one huge transaction.
    static let rowsPerTransaction = 5_000

    /// Opens the existing store at `path`, counting its sync work in `metrics` when given (the server
    /// passes the metrics `GET /metrics` emits).
    ///
    /// - Throws: `ServerError.noStore` when there is no file, `.notAStore` for any other file.
    public init(
        path: String, catalog: Catalog = .farelegami, metrics: ServerMetrics? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) throws(ServerError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .noStore(path: path) }
        let connection: Connection
        let epoch: String?
        do {
            connection = try Connection(path: path)
            // A 32 MB page cache (SQLite's default is 2 MB): pulls walk the pull index of every row
            // changed since their cursor, and with 50 sites syncing a small cache re-read it from the
            // file for each of them. Checkpoints every 40 MB of WAL instead of 4 MB: concurrent sites'
            // pushes dirty pages all over the rows table, and each checkpoint rewrote them.
            try connection.execute(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                    + "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000")
            epoch = try Self.meta(StoreMeta.epoch, in: connection)
        } catch {
            throw .notAStore(path: path, detail: error.message)
        }
        guard let epoch else { throw .notAStore(path: path, detail: "it has no epoch") }
        try Self.prepareAudit(in: connection)
        try Self.prepareDotTimes(in: connection)
        try Self.prepareLineage(in: connection)
        try Self.prepareHeldBack(in: connection)
        try Self.prepareRetirements(in: connection)
        try Self.prepareCatalogs(in: connection)
        let versions = try Self.loadCatalogs(in: connection, base: catalog)
        _ = try ServerError.wrap("upgrading the rows table of the store at \(path)") {
            try StoreMigration.upgradeRowsTable(in: connection)
        }
        try ServerError.wrap("indexing the store at \(path)") { try connection.execute(StoreSchema.indexes) }
        try ServerError.wrap("adding the retained views table to the store at \(path)") {
            try connection.execute(StoreSchema.retainedTable)
        }
        self.path = path
        self.epoch = epoch
        self.baseCatalog = catalog
        self.versions = versions
        self.now = now
        self.metrics = metrics
        self.connection = connection
    }

    /// Creates an empty store at `path`, with a new random epoch. Returns false, changing nothing,
    /// when `path` already holds a store.
    ///
    /// - Throws: `ServerError.notAStore` when `path` holds some other file, `.database` when it cannot
    ///   be created (missing directory, no permission).
    @discardableResult
    public static func create(path: String) throws(ServerError) -> Bool {
        if FileManager.default.fileExists(atPath: path) {
            _ = try SQLiteChangeStore(path: path)
            return false
        }
        try ServerError.wrap("creating the server store at \(path)") {
            let connection = try Connection(path: path, create: true)
            try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
            try connection.transaction {
                try connection.execute(StoreSchema.sql)
                let settings = [
                    (StoreMeta.epoch, AccessToken.randomHex(byteCount: 16)), (StoreMeta.sequence, "0"),
                    (StoreMeta.storeVersion, String(StoreSchema.version)), (StoreMeta.createdAt, Timestamp.string(Date())),
                ]
                for (key, value) in settings {
                    try connection.run("INSERT INTO meta (key, value) VALUES (?, ?)", [.text(key), .text(value)])
                }
            }
        }
        return true
    }

    /// Gives the store a new random epoch and returns it. Run after restoring the store from a
    /// backup: every replica then sees a new epoch, pulls from the start and pushes everything again.
    public static func renewEpoch(path: String) throws(ServerError) -> String {
        _ = try SQLiteChangeStore(path: path)
        let epoch = AccessToken.randomHex(byteCount: 16)
        try ServerError.wrap("renewing the epoch of \(path)") {
            let connection = try Connection(path: path)
            try connection.run("UPDATE meta SET value = ? WHERE key = ?", [.text(epoch), .text(StoreMeta.epoch)])
        }
        return epoch
    }

    static func meta(_ key: String, in connection: Connection) throws(SQLiteError) -> String? {
        try connection.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?[0].text
    }

    /// The last server sequence assigned.
    func latestSequence() throws -> UInt64 {
        try Self.meta(StoreMeta.sequence, in: connection).flatMap(UInt64.init) ?? 0
    }

    func setLatestSequence(_ sequence: UInt64) throws {
        try connection.run("UPDATE meta SET value = ? WHERE key = ?", [.text(String(sequence)), .text(StoreMeta.sequence)])
    }

    /// The current time as stored (ISO-8601, UTC).
    func timestamp() -> String { Timestamp.string(now()) }
}

/// Times as the store and the API write them: ISO-8601 in UTC, to the second.
enum Timestamp {
    static func string(_ date: Date) -> String { date.formatted(.iso8601) }
}
