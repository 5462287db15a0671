/// Who may see a table's rows (see shared/DOMAIN.md, "Privacy classes").
public enum PrivacyClass: String, Sendable, Codable, CaseIterable {
    /// Never leaves the replica where it was written; not captured, not synced.
    case local
    /// Pseudonymised case data: synced only to its own site and to the central office.
    case site
    /// Organisational data: synced to every replica.
    case shared
}

/// The SQLite storage type of a column.
public enum ColumnType: String, Sendable, Codable {
    case text = "TEXT"
    case integer = "INTEGER"
    case real = "REAL"
}

/// A name people read, in the languages the apps speak (Italian first; English may be missing).
public struct CatalogLabel: Sendable, Equatable, Codable {
    /// The Italian text.
    public var it: String
    /// The English text, if the catalog has one.
    public var en: String?

    /// A label reading `it` in Italian and `en` in English.
    public init(it: String, en: String? = nil) {
        self.it = it
        self.en = en
    }
}

/// One column of a domain table (the `id` primary key is implicit and not listed).
public struct ColumnSpec: Sendable, Equatable {
    /// The column name.
    public let name: String
    /// The storage type; values of another type are refused on import.
    public let type: ColumnType
    /// The only values allowed (a CHECK constraint), or nil for free text or numbers.
    public let allowed: [String]?
    /// The table whose `id` this column refers to, if any.
    public let references: String?
    /// How the apps name the column (nil: by its name).
    public var label: CatalogLabel?
    /// How the apps name each of its values, by stored value (an enumeration's, or a free column's usual ones).
    public var valueLabels: [String: CatalogLabel]
    /// Whether the column is on its way out (SYNC.md, "Schema versions"): still synced for replicas on
    /// versions that use it, no longer offered by forms; a later version may drop it once no replica uses it.
    public var retired: Bool

    /// A column of `type`, optionally restricted to `allowed` values or referring to `references`.
    public init(
        _ name: String, _ type: ColumnType = .text, allowed: [String]? = nil, references: String? = nil,
        label: CatalogLabel? = nil, valueLabels: [String: CatalogLabel] = [:], retired: Bool = false
    ) {
        self.name = name
        self.type = type
        self.allowed = allowed
        self.references = references
        self.label = label
        self.valueLabels = valueLabels
        self.retired = retired
    }
}

/// One domain table: its name, privacy class and columns.
public struct TableSpec: Sendable, Equatable {
    /// The table name.
    public let name: String
    /// Who may see its rows.
    public let privacy: PrivacyClass
    /// Every column but `id`, in storage order; `site_id` always comes first.
    public let columns: [ColumnSpec]
    /// How the apps name one row of the table, and a list of them (nil: by the table's name).
    public var label: CatalogLabel?
    /// The plural, for lists.
    public var pluralLabel: CatalogLabel?
    /// The columns that name a row to people, in the order they are said (nil: the first column).
    public var naming: [String]?
    /// The column names in storage order (without `id`): kept, as a cut reads them for every row.
    public let columnNames: [String]

    /// A table with `site_id` followed by `columns`.
    public init(
        _ name: String, _ privacy: PrivacyClass, _ columns: [ColumnSpec], label: CatalogLabel? = nil,
        pluralLabel: CatalogLabel? = nil, naming: [String]? = nil
    ) {
        self.name = name
        self.privacy = privacy
        self.columns = [ColumnSpec("site_id", references: "site", label: CatalogLabel(it: "Ufficio", en: "Office"))] + columns
        self.columnNames = self.columns.map(\.name)
        self.label = label
        self.pluralLabel = pluralLabel
        self.naming = naming
    }

    /// The column called `name`, if the table has one.
    public func column(named name: String) -> ColumnSpec? {
        columns.first { $0.name == name }
    }

    /// Whether rows of this table are captured and synced.
    public var isSynced: Bool { privacy != .local }
}
