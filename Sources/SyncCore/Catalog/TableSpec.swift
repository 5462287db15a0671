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

    /// A column of `type`, optionally restricted to `allowed` values or referring to `references`.
    public init(_ name: String, _ type: ColumnType = .text, allowed: [String]? = nil, references: String? = nil) {
        self.name = name
        self.type = type
        self.allowed = allowed
        self.references = references
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

    /// A table with `site_id` followed by `columns`.
    public init(_ name: String, _ privacy: PrivacyClass, _ columns: [ColumnSpec]) {
        self.name = name
        self.privacy = privacy
        self.columns = [ColumnSpec("site_id", references: "site")] + columns
    }

    /// The column names in storage order (without `id`).
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, if the table has one.
    public func column(named name: String) -> ColumnSpec? {
        columns.first { $0.name == name }
    }

    /// Whether rows of this table are captured and synced.
    public var isSynced: Bool { privacy != .local }
}
