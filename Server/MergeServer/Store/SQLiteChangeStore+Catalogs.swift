import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol

/// The catalog versions the central office published (SYNC.md, "Schema versions"), and which
/// version each replica is on.
enum CatalogSchema {
    static let sql = """
        -- Every catalog version the central office published (protocol/catalog.json's JSON); version 1,
        -- the built-in one, is implicit. The highest is the server's schema version.
        CREATE TABLE IF NOT EXISTS catalogs (
            version INTEGER NOT NULL PRIMARY KEY, document TEXT NOT NULL, published_at TEXT NOT NULL
        );
        """
}

/// The catalog versions a server knows: every version a replica may push or pull at.
public struct CatalogVersions: Sendable {
    /// Every version, by number.
    public let byVersion: [Int: Catalog]
    /// The highest: the server's schema version.
    public let current: Catalog
    /// What pushes of every version are checked against: the newest catalog, with the columns
    /// versions dropped added back (stored row states keep them).
    public let checking: Catalog

    /// The versions `byVersion` (never empty: the built-in one at least).
    init(_ byVersion: [Int: Catalog]) {
        self.byVersion = byVersion
        current = byVersion[byVersion.keys.max() ?? 0] ?? .farelegami
        checking = current.keepingDroppedColumns(of: byVersion.values)
    }
}

extension SQLiteChangeStore {
    static func prepareCatalogs(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the table of catalog versions") {
            try connection.execute(CatalogSchema.sql)
            let columns = try connection.query("PRAGMA table_info(replicas)").compactMap { $0[1].text }
            if !columns.contains("schema_version") {
                try connection.execute("ALTER TABLE replicas ADD COLUMN schema_version INTEGER")
            }
        }
    }

    /// The published catalogs in `connection` above `base`, with `base`.
    static func loadCatalogs(in connection: Connection, base: Catalog) throws(ServerError) -> CatalogVersions {
        try ServerError.wrap("reading the published catalog versions") {
            var catalogs = [base.schemaVersion: base]
            for row in try connection.query(
                "SELECT version, document FROM catalogs WHERE version > ? ORDER BY version", [.integer(Int64(base.schemaVersion))])
            {
                let catalog: Catalog
                do {
                    catalog = try Catalog(json: Array((row[1].text ?? "").utf8))
                } catch {
                    throw ServerError.notAStore(path: connection.path, detail: "its catalog version \(row[0].integer ?? 0) cannot be read: \(error)")
                }
                catalogs[catalog.schemaVersion] = catalog
            }
            return CatalogVersions(catalogs)
        }
    }

    /// Reads the versions published since this store last looked (by `farelegami-server schema publish`,
    /// another process), so a running server follows a publication at its next request.
    func refreshCatalogs() throws(ServerError) {
        let newest = try ServerError.wrap("reading the newest catalog version") {
            try connection.query("SELECT max(version) FROM catalogs").first?[0].integer ?? 0
        }
        guard newest > catalog.schemaVersion else { return }
        versions = try Self.loadCatalogs(in: connection, base: baseCatalog)
    }

    /// Every catalog version a replica may sync at, and the server's.
    public func catalogVersions() throws(ServerError) -> CatalogVersions {
        try refreshCatalogs()
        return versions
    }

    /// Publishes `new` as the server's schema version, after checking it can follow the current one
    /// (`CatalogChange.between`) and strands no replica: a column may be dropped only when no
    /// replica still syncs at a version where it is in use.
    ///
    /// - Returns: what changed.
    /// - Throws: `ServerError.catalogRefused` saying why, naming the replicas it would strand;
    ///   nothing is stored then.
    public func publishCatalog(_ new: Catalog) throws(ServerError) -> CatalogChange {
        try refreshCatalogs()
        let change: CatalogChange
        do {
            change = try CatalogChange.between(catalog, new, publishing: true)
        } catch {
            throw .catalogRefused(error.description)
        }
        if !change.droppedColumns.isEmpty {
            let stranded = try replicasUsing(change.droppedColumns)
            if !stranded.isEmpty {
                throw .catalogRefused(
                    "version \(new.schemaVersion) drops \(change.droppedColumns.map(\.description).joined(separator: ", ")), "
                        + "still in use on replica(s) \(stranded.joined(separator: ", ")) (an older schema version): "
                        + "let them sync and upgrade first, or retire them with 'farelegami-server replica retire ID'")
            }
        }
        try ServerError.wrap("storing catalog version \(new.schemaVersion)") {
            try connection.run(
                "INSERT INTO catalogs (version, document, published_at) VALUES (?, ?, ?)",
                [.integer(Int64(new.schemaVersion)), .text(String(decoding: new.document.encoded(), as: UTF8.self)),
                 .text(timestamp())])
        }
        versions = CatalogVersions(catalogs.merging([new.schemaVersion: new]) { $1 })
        return change
    }

    /// The replicas (not retired), as "ID (site, version N)", syncing at a version in which one of
    /// `columns` exists and is not retired.
    private func replicasUsing(_ columns: [CatalogChange.Column]) throws(ServerError) -> [String] {
        try ServerError.wrap("finding the replicas on older schema versions") {
            let rows = try connection.query(
                """
                SELECT replica_id, site_id, coalesce(schema_version, 1) FROM replicas
                WHERE replica_id NOT IN (SELECT replica_id FROM replica_retirements) ORDER BY site_id, replica_id
                """)
            return rows.compactMap { row -> String? in
                let version = Int(row[2].integer ?? 1)
                guard let catalog = catalogs[version] else { return nil }
                let uses = columns.contains { column in
                    catalog.table(named: column.table)?.column(named: column.column).map { !$0.retired } ?? false
                }
                return uses ? "\(row[0].text ?? "") (\(row[1].text ?? ""), version \(version))" : nil
            }
        }
    }

    /// The schema version `replica` last said it syncs at (1 when it never said).
    func schemaVersion(of replica: ReplicaID) throws -> Int {
        Int(try connection.query(
            "SELECT coalesce(schema_version, 1) FROM replicas WHERE replica_id = ?", [.text(replica.rawValue)]
        ).first?[0].integer ?? 1)
    }
}
