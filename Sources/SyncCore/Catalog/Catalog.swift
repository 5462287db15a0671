/// The FareLegami data model: every domain table a replica holds (shared/DOMAIN.md, names kept).
public struct Catalog: Sendable {
    /// The tables in creation order.
    public let tables: [TableSpec]
    /// The schema version: every published change has a higher one (protocol/SYNC.md, "Schema versions").
    public let schemaVersion: Int
    /// The document the catalog was read from (protocol/catalog.json's form), for storing and sending it.
    public let document: CatalogDocument

    private let index: [String: Int]

    /// A catalog of `tables` at `schemaVersion`.
    public init(schemaVersion: Int, tables: [TableSpec]) {
        self.init(schemaVersion: schemaVersion, tables: tables, document: CatalogDocument(version: schemaVersion, tables: tables))
    }

    /// A catalog of `tables` read from `document`.
    init(schemaVersion: Int, tables: [TableSpec], document: CatalogDocument) {
        self.schemaVersion = schemaVersion
        self.tables = tables
        self.document = document
        self.index = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.name, $0) })
    }

    /// The table called `name`, if the catalog has one.
    public func table(named name: String) -> TableSpec? {
        index[name].map { tables[$0] }
    }

    /// The tables that are captured and synced (every class but `local`).
    public var syncedTables: [TableSpec] { tables.filter(\.isSynced) }
}

extension Catalog {
    /// The FareLegami catalog this build carries: version 1 of protocol/catalog.json, compiled in.
    /// Later versions arrive as data (`Catalog(json:)`), published by the central office.
    public static let farelegami: Catalog = {
        do {
            return try Catalog(json: PackageResources.catalog_json)
        } catch {
            // The file is part of the build and checked by its tests: this cannot fail in a built binary.
            fatalError("protocol/catalog.json is not a valid catalog: \(error)")
        }
    }()
}
