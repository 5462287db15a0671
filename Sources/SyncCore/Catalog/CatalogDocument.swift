import Foundation

/// A catalog as a file (protocol/catalog.json): what the central office publishes, a replica stores
/// and the server sends. `Catalog(json:)` reads and checks one; `Catalog.document` writes one.
public struct CatalogDocument: Sendable, Equatable, Codable {
    /// Always `farelegami-catalog`.
    public var format: String
    /// The form of this file; a build reads forms up to `CatalogDocument.supportedFormat`.
    public var formatVersion: Int
    /// The schema version (1 is the built-in FareLegami model).
    public var version: Int
    /// A sentence for people reading the file.
    public var about: String?
    /// The tables, in creation order.
    public var tables: [Table]

    /// The form of catalog file this build reads and writes.
    public static let supportedFormat = 1
    /// The `format` every catalog file names.
    public static let formatName = "farelegami-catalog"

    /// One table of the file: `id` and `site_id` are implicit and not listed.
    public struct Table: Sendable, Equatable, Codable {
        /// The table name.
        public var name: String
        /// `local`, `site` or `shared`.
        public var privacy: String
        /// How the apps name one row.
        public var label: CatalogLabel?
        /// How the apps name a list of rows.
        public var pluralLabel: CatalogLabel?
        /// The columns that name a row to people.
        public var naming: [String]?
        /// The columns after `site_id`.
        public var columns: [Column]
    }

    /// One column of the file.
    public struct Column: Sendable, Equatable, Codable {
        /// The column name.
        public var name: String
        /// `text`, `integer` or `real` (`text` when absent).
        public var type: String?
        /// The only values allowed, if it is an enumeration.
        public var allowed: [String]?
        /// The table whose `id` it refers to.
        public var references: String?
        /// How the apps name the column.
        public var label: CatalogLabel?
        /// How the apps name its values.
        public var valueLabels: [String: CatalogLabel]?
        /// Whether the column is on its way out.
        public var retired: Bool?
    }

    /// The document of `tables` at `version`.
    init(version: Int, tables: [TableSpec]) {
        self.format = Self.formatName
        self.formatVersion = Self.supportedFormat
        self.version = version
        self.about = nil
        self.tables = tables.map { table in
            Table(
                name: table.name, privacy: table.privacy.rawValue, label: table.label, pluralLabel: table.pluralLabel,
                naming: table.naming,
                columns: table.columns.dropFirst().map { column in
                    Column(
                        name: column.name, type: column.type.rawValue.lowercased(), allowed: column.allowed,
                        references: column.references, label: column.label,
                        valueLabels: column.valueLabels.isEmpty ? nil : column.valueLabels,
                        retired: column.retired ? true : nil)
                })
        }
    }

    /// The file's bytes: JSON with sorted keys, so one version always has one form.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain strings, numbers and arrays: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}
