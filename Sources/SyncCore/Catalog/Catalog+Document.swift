import Foundation

extension Catalog {
    /// Reads and checks a catalog file (protocol/catalog.json's form).
    ///
    /// - Throws: `SyncCoreError.invalidCatalog` naming the first problem: not JSON, another format, a
    ///   form newer than this build reads (`.catalogFromNewerBuild`), a bad name, type or privacy class,
    ///   a table or column twice, a reference to a table the catalog lacks, an empty enumeration.
    public init(json: some Collection<UInt8>) throws(SyncCoreError) {
        let document: CatalogDocument
        do {
            document = try JSONDecoder().decode(CatalogDocument.self, from: Data(json))
        } catch {
            throw .invalidCatalog(detail: "not a catalog file: \(Self.describe(error))")
        }
        try self.init(document: document)
    }

    /// The catalog a decoded file describes, checked as `init(json:)` says.
    public init(document: CatalogDocument) throws(SyncCoreError) {
        guard document.format == CatalogDocument.formatName else {
            throw .invalidCatalog(detail: "'format' must be '\(CatalogDocument.formatName)', got '\(document.format.prefix(40))'")
        }
        guard document.formatVersion <= CatalogDocument.supportedFormat else {
            throw .catalogFromNewerBuild(formatVersion: document.formatVersion, supported: CatalogDocument.supportedFormat)
        }
        guard document.version >= 1 else { throw .invalidCatalog(detail: "'version' must be 1 or more") }
        guard !document.tables.isEmpty else { throw .invalidCatalog(detail: "the catalog has no tables") }
        var names = Set<String>()
        var tables: [TableSpec] = []
        for table in document.tables {
            guard Self.isName(table.name) else { throw .invalidCatalog(detail: "'\(table.name.prefix(60))' is not a table name (a-z, 0-9, _; 1 to 60)") }
            guard names.insert(table.name).inserted else { throw .invalidCatalog(detail: "table '\(table.name)' is listed twice") }
            guard let privacy = PrivacyClass(rawValue: table.privacy) else {
                throw .invalidCatalog(detail: "table '\(table.name)': privacy must be local, site or shared, got '\(table.privacy.prefix(20))'")
            }
            var columnNames: Set<String> = ["id", "site_id"]
            var columns: [ColumnSpec] = []
            for column in table.columns {
                let place = "\(table.name).\(column.name.prefix(60))"
                guard Self.isName(column.name) else { throw .invalidCatalog(detail: "'\(place)' is not a column name (a-z, 0-9, _; 1 to 60)") }
                guard columnNames.insert(column.name).inserted else {
                    throw .invalidCatalog(detail: "column '\(place)' is listed twice (id and site_id are implicit)")
                }
                guard let type = ColumnType(rawValue: (column.type ?? "text").uppercased()) else {
                    throw .invalidCatalog(detail: "column '\(place)': type must be text, integer or real, got '\((column.type ?? "").prefix(20))'")
                }
                if let allowed = column.allowed {
                    guard type == .text, !allowed.isEmpty, Set(allowed).count == allowed.count,
                        allowed.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 100 && !$0.contains("'") })
                    else {
                        throw .invalidCatalog(
                            detail: "column '\(place)': 'allowed' must be a non-empty list of distinct texts (no quotes, at most 100 bytes) on a text column")
                    }
                }
                columns.append(ColumnSpec(
                    column.name, type, allowed: column.allowed, references: column.references, label: column.label,
                    valueLabels: column.valueLabels ?? [:], retired: column.retired ?? false))
            }
            // The capture triggers mark changed columns in a 64-bit mask, site_id first.
            guard columns.count <= Self.maxColumns else {
                throw .invalidCatalog(detail: "table '\(table.name)' has \(columns.count) columns; at most \(Self.maxColumns) besides site_id")
            }
            if let naming = table.naming, let unknown = naming.first(where: { !columnNames.contains($0) }) {
                throw .invalidCatalog(detail: "table '\(table.name)': 'naming' lists '\(unknown.prefix(60))', which is not one of its columns")
            }
            tables.append(TableSpec(
                table.name, privacy, columns, label: table.label, pluralLabel: table.pluralLabel, naming: table.naming))
        }
        guard names.contains("site") else { throw .invalidCatalog(detail: "the catalog must keep the table 'site'") }
        for table in tables {
            for column in table.columns {
                if let target = column.references, !names.contains(target) {
                    throw .invalidCatalog(detail: "column '\(table.name).\(column.name)' refers to table '\(target.prefix(60))', which the catalog lacks")
                }
            }
        }
        self.init(schemaVersion: document.version, tables: tables, document: document)
    }

    /// The most columns a table may have besides `id` and `site_id` (the capture triggers' change mask
    /// has a bit per column, `site_id` first, in a 64-bit integer whose sign bit marks a whole-row write).
    public static let maxColumns = 62

    /// Whether `name` can name a table or column: lower-case letters, digits and `_`, starting with a
    /// letter, at most 60 bytes, not the engine's `_fl_` prefix nor an SQL keyword that would need quoting.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= 60,
            !name.hasPrefix("sqlite_")
        else { return false }
        guard name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else { return false }
        return !reservedWords.contains(name)
    }

    /// SQLite's keywords (sqlite.org/lang_keywords.html; but `action`, which the built-in catalog
    /// uses and SQLite reads as a name) and the names SQLite or the engine keep: a table or column so
    /// named could fail in CREATE or ALTER TABLE on every replica.
    private static let reservedWords: Set<String> = [
        "abort", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach",
        "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column",
        "commit", "conflict", "constraint", "create", "cross", "current", "current_date", "current_time",
        "current_timestamp", "database", "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct",
        "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain", "fail",
        "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob", "group", "groups",
        "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead",
        "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit", "match", "materialized",
        "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of", "offset", "on", "or", "order", "others",
        "outer", "over", "partition", "plan", "pragma", "preceding", "primary", "query", "raise", "range",
        "recursive", "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "returning",
        "right", "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then",
        "ties", "to", "transaction", "trigger", "unbounded", "union", "unique", "update", "using", "vacuum",
        "values", "view", "virtual", "when", "where", "window", "with", "without",
        "rowid", "oid", "excluded", "id", "site_id",
    ]

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "'\(key.stringValue)' is missing\(Self.place(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.last?.stringValue ?? "value")' has the wrong type\(Self.place(context.codingPath.dropLast()))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "bad value\(Self.place(context.codingPath))"
        default:
            "\(error)"
        }
    }

    private static func place(_ path: some Collection<any CodingKey>) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
