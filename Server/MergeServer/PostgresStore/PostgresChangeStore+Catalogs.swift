import Foundation
import SyncCore
import SyncProtocol

extension PostgresChangeStore {
    /// The published catalogs in the store above `base`, with `base`.
    static func loadCatalogs(in session: PostgresSession, base: Catalog, location: PostgresLocation) async throws -> CatalogVersions {
        var catalogs = [base.schemaVersion: base]
        for row in try await session.rows(
            "SELECT version, document FROM catalogs WHERE version > $1 ORDER BY version", [.integer(Int64(base.schemaVersion))])
        {
            do {
                let catalog = try Catalog(json: Array((try row.text(1) ?? "").utf8))
                catalogs[catalog.schemaVersion] = catalog
            } catch {
                throw ServerError.notAStore(
                    path: location.description, detail: "its catalog version \(try row.integer(0) ?? 0) cannot be read: \(error)")
            }
        }
        return CatalogVersions(catalogs)
    }

    /// Reads the versions published since this process last looked (by another process), so every
    /// server process follows a publication at its next request.
    func refreshCatalogs(in session: PostgresSession) async throws {
        let newest = try await session.rows("SELECT coalesce(max(version), 0) FROM catalogs").first?.integer(0) ?? 0
        guard newest > catalog.schemaVersion else { return }
        let loaded = try await Self.loadCatalogs(in: session, base: baseCatalog, location: location)
        // Another refresh may have loaded a newer version meanwhile: never go back to an older one.
        versionsBox.withLockedValue { if loaded.current.schemaVersion > $0.current.schemaVersion { $0 = loaded } }
    }

    public func catalogVersions() async throws(ServerError) -> CatalogVersions {
        try await withSession("reading the published catalog versions") { session in try await refreshCatalogs(in: session) }
        return versions
    }

    /// Publishes `new` as the server's schema version, after checking it can follow the current one
    /// and strands no replica (as `SQLiteChangeStore.publishCatalog`).
    ///
    /// - Throws: `ServerError.catalogRefused` saying why; nothing is stored then.
    public func publishCatalog(_ new: Catalog) async throws(ServerError) -> CatalogChange {
        let change = try await inTransaction("storing catalog version \(new.schemaVersion)") { session in
            // Under the push lock: no push merges against the old version while this one is published.
            try await session.rows("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.pushLock)])
            try await refreshCatalogs(in: session)
            let change: CatalogChange
            do {
                change = try CatalogChange.between(catalog, new, publishing: true)
            } catch {
                throw ServerError.catalogRefused("\(error)")
            }
            if !change.droppedColumns.isEmpty {
                let stranded = try await replicasUsing(change.droppedColumns, in: session)
                if !stranded.isEmpty {
                    throw ServerError.catalogRefused(
                        "version \(new.schemaVersion) drops \(change.droppedColumns.map(\.description).joined(separator: ", ")), "
                            + "still in use on replica(s) \(stranded.joined(separator: ", ")) (an older schema version): "
                            + "let them sync and upgrade first, or retire them with 'farelegami-server replica retire ID'")
                }
            }
            try await session.rows(
                "INSERT INTO catalogs (version, document, published_at) VALUES ($1, $2, $3)",
                [.integer(Int64(new.schemaVersion)), .text(String(decoding: new.document.encoded(), as: UTF8.self)),
                 .text(timestamp())])
            return change
        }
        // Kept in memory only once committed.
        let published = CatalogVersions(versions.byVersion.merging([new.schemaVersion: new]) { $1 })
        versionsBox.withLockedValue { $0 = published }
        return change
    }

    /// The replicas (not retired), as "ID (site, version N)", syncing at a version in which one of
    /// `columns` exists and is not retired.
    private func replicasUsing(_ columns: [CatalogChange.Column], in session: PostgresSession) async throws -> [String] {
        let catalogs = versions.byVersion
        return try await session.rows(
            """
            SELECT replica_id, site_id, coalesce(schema_version, 1) FROM replicas
            WHERE replica_id NOT IN (SELECT replica_id FROM replica_retirements) ORDER BY site_id, replica_id
            """
        ).compactMap { row -> String? in
            let version = Int(try row.integer(2) ?? 1)
            guard let catalog = catalogs[version] else { return nil }
            let uses = columns.contains { column in
                catalog.table(named: column.table)?.column(named: column.column).map { !$0.retired } ?? false
            }
            return uses ? "\(try row.text(0) ?? "") (\(try row.text(1) ?? ""), version \(version))" : nil
        }
    }

    /// The schema version `replica` last said it syncs at (1 when it never said).
    func schemaVersion(of replica: ReplicaID, in session: PostgresSession) async throws -> Int {
        Int(try await session.rows(
            "SELECT coalesce(schema_version, 1) FROM replicas WHERE replica_id = $1", [.text(replica.rawValue)]
        ).first?.integer(0) ?? 1)
    }
}
