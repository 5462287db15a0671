import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

/// One site's replica: a single SQLite file holding the domain tables and the sync bookkeeping.
///
/// Applications write the domain tables with ordinary SQL (the capture triggers record every change);
/// the sync engine cuts local versions, exports change sets and merges remote ones through this type.
/// Every operation is one SQLite transaction: it commits whole or leaves the file untouched.
///
/// Not `Sendable`: it owns the SQLite connection, which one owner uses at a time.
public final class Replica {
    /// The SQLite connection (for reading the domain tables; write through ordinary SQL).
    public let connection: Connection
    /// The catalog the replica follows: the one stored in the file (`MetaKey.catalog`), which a
    /// published version replaces (`upgradeSchema(to:)`); the built-in one for files made before.
    public internal(set) var catalog: Catalog
    /// This replica's id: the replica part of every dot it writes. It changes only when the replica
    /// finds it is a copy of itself (`forkIdentity()`); every cut reads it again from the file.
    public internal(set) var replicaID: ReplicaID
    /// The site the replica belongs to (`crema`, `cremona`, `casalmaggiore`, `hq`).
    public let site: String
    /// The file path.
    public var path: String { connection.path }

    var tables: TableStatements
    /// What opening the replica mended in its capture triggers (nil: nothing to mend);
    /// `CaptureRepair.notice` says it in one line.
    public private(set) var captureRepair: CaptureRepair?
    /// The rows held back from sync with the columns their writes changed, as read by the current
    /// transaction's cut (`Replica+Quarantine`): an apply leaves their domain rows as the office wrote them.
    var heldBack: [RowKey: Int64] = [:]

    /// Opens an existing replica.
    ///
    /// - Parameter catalog: the catalog of files that do not store theirs (made before catalogs were
    ///   stored): the built-in one. A file that stores its catalog follows that one.
    /// - Throws: `ReplicaError.missingFile`, `.notAReplica` for any other file, `.madeByNewerBuild` for
    ///   a replica whose catalog this build cannot read, `.schemaVersion` for an older file of another
    ///   version than `catalog`.
    public init(path: String, catalog: Catalog = .farelegami) throws(ReplicaError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let connection: Connection
        do {
            connection = try Connection(path: path)
            try connection.execute("PRAGMA foreign_keys = OFF")
        } catch {
            throw Self.openingFailure(error, path: path, detail: error.message)
        }
        let meta: [String: String]
        do {
            meta = try Self.readMeta(connection)
        } catch {
            throw Self.openingFailure(error, path: path, detail: "no sync bookkeeping: \(error.message)")
        }
        guard let id = meta[MetaKey.replicaID], let site = meta[MetaKey.site],
            let version = meta[MetaKey.schemaVersion].flatMap(Int.init)
        else { throw .notAReplica(path: path, detail: "sync bookkeeping incomplete") }
        let catalog = try Self.storedCatalog(meta[MetaKey.catalog], version: version, builtIn: catalog, path: path)
        // Sort and temporary b-trees in memory, a 32 MB page cache, and WAL's NORMAL sync (a crash
        // may lose the last transactions, never consistency: each is whole and the next sync redoes it).
        // Checkpoints every 40 MB of WAL rather than 4 MB: a big sync rewrote the same pages into the
        // file at each of them (4 % of a 200K-row push's or pull's CPU).
        try? connection.execute(
            "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL; "
                + "PRAGMA wal_autocheckpoint = 10000")
        // Replicas made before the outbox index existed get it here (pushes read the outbox in seq order).
        try? connection.execute("CREATE INDEX IF NOT EXISTS _fl_outbox_by_seq ON _fl_outbox (seq)")
        // Replicas made before writes could be held back from sync get the table of those rows.
        try? connection.execute(ReplicaSchema.quarantineTable)
        // Replicas made before retained views existed get their table here.
        try? connection.execute(ReplicaSchema.retainedTable)
        // Replicas made before copies were told apart get the table of their writes' tags here.
        try? connection.execute(ReplicaSchema.cutTable)
        // Replicas made before conflicts were named by office and time get the tables for it, and
        // conflict ids that are never reused. If this fails (read-only, busy), the next open retries.
        _ = try? Self.upgradeBookkeeping(connection)
        self.connection = connection
        self.catalog = catalog
        self.replicaID = ReplicaID(id)
        self.site = site
        self.tables = TableStatements(catalog: catalog)
        // Capture triggers missing (dropped by a table rebuild) or of an older build's form are
        // replaced by today's. If this fails (a read-only file, a busy writer), the next open or
        // sync tries again; a sync refuses to run without them.
        captureRepair = try? checkCapture()
        // If this fails (read-only, busy), the next acknowledgement that empties the outbox sets it.
        try? recordAcknowledgedCounterIfUnset()
    }

    /// Creates a new replica file bound to `site`, with a fresh random replica id, in WAL mode.
    ///
    /// - Throws: `ReplicaError.alreadyExists` when `path` holds a file, `.invalidSite` for a bad site id.
    @discardableResult
    public static func create(path: String, site: String, catalog: Catalog = .farelegami) throws(ReplicaError)
        -> Replica
    {
        guard Self.isValidSite(site) else { throw .invalidSite(site) }
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        do {
            let connection = try Connection(path: path, create: true)
            try connection.execute("PRAGMA journal_mode = WAL")
            try connection.transaction {
                try connection.execute(ReplicaSchema.sql(for: catalog))
                try connection.run("INSERT INTO _fl_capture (id, capture, site_id) VALUES (1, 1, ?)", [.text(site)])
                let meta: [(String, String)] = [
                    (MetaKey.replicaID, ReplicaID.random().rawValue), (MetaKey.site, site),
                    (MetaKey.schemaVersion, String(catalog.schemaVersion)),
                    (MetaKey.catalog, String(decoding: catalog.document.encoded(), as: UTF8.self)), (MetaKey.counter, "0"),
                    (MetaKey.sequence, "0"), (MetaKey.createdAt, ISO8601DateFormatter().string(from: Date())),
                ]
                for (key, value) in meta {
                    try connection.run("INSERT INTO _fl_meta (key, value) VALUES (?, ?)", [.text(key), .text(value)])
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + "-wal")
            try? FileManager.default.removeItem(atPath: path + "-shm")
            guard let error = error as? SQLiteError else { throw .failed(doing: "creating \(path)", detail: "\(error)") }
            throw .database(error, doing: "creating \(path)")
        }
        return try Replica(path: path, catalog: catalog)
    }

    /// The catalog a replica file follows: the one stored in it, else (a file made before catalogs
    /// were stored) the built-in one, which must then be of the file's version.
    private static func storedCatalog(
        _ stored: String?, version: Int, builtIn: Catalog, path: String
    ) throws(ReplicaError) -> Catalog {
        guard let stored else {
            guard version == builtIn.schemaVersion else {
                throw .schemaVersion(path: path, found: version, expected: builtIn.schemaVersion)
            }
            return builtIn
        }
        let catalog = try decodeStoredCatalog(stored, path: path)
        guard catalog.schemaVersion == version else {
            throw .notAReplica(path: path, detail: "its stored catalog is version \(catalog.schemaVersion), its schema version \(version)")
        }
        return catalog
    }

    /// The catalog stored in a replica file (`MetaKey.catalog`), read and checked.
    ///
    /// - Throws: `ReplicaError.madeByNewerBuild` for a catalog form this build cannot read,
    ///   `.notAReplica` for a damaged one.
    static func decodeStoredCatalog(_ stored: String, path: String) throws(ReplicaError) -> Catalog {
        do {
            return try Catalog(json: Array(stored.utf8))
        } catch .catalogFromNewerBuild(let form, _) {
            throw .madeByNewerBuild(path: path, detail: "its schema is written in catalog form \(form)")
        } catch {
            throw .notAReplica(path: path, detail: "its stored catalog is damaged: \(error)")
        }
    }

    /// Why opening `path` failed: a full disk (SQLite then cannot even make the WAL's index file,
    /// which is no damage to the file) or a file that is not a replica.
    private static func openingFailure(_ error: SQLiteError, path: String, detail: String) -> ReplicaError {
        if error.isIOError || error.isDiskFull || error.isCannotOpen, DiskSpace.isFull(aroundFile: path) {
            return .diskFull(path: path)
        }
        // Another program in the middle of a write: the file is a replica, only busy.
        if error.isBusy { return .database(error, doing: "opening \(path)") }
        return .notAReplica(path: path, detail: detail)
    }

    /// Whether `site` is a usable site id: 1 to 40 lower-case letters, digits, '-' or '_'.
    public static func isValidSite(_ site: String) -> Bool {
        !site.isEmpty && site.utf8.count <= 40
            && site.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Whether this replica belongs to the central office (site `hq`), which sees every site's rows.
    public var isCentral: Bool { site == Catalog.centralSite }

    static func readMeta(_ connection: Connection) throws(SQLiteError) -> [String: String] {
        var meta: [String: String] = [:]
        for row in try connection.query("SELECT key, value FROM _fl_meta") {
            if let key = row[0].text, let value = row[1].text { meta[key] = value }
        }
        return meta
    }
}
