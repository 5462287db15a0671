import SQLiteDatabase
import SyncCore

extension Office {
    /// The rows of `kind` that `query` selects, newest first for dated kinds, else by name.
    ///
    /// - Throws: `OfficeError.invalidField` for a filter on a column the kind does not have.
    public func records(_ kind: RecordKind, matching query: RecordQuery = RecordQuery()) throws(OfficeError) -> [SavedRecord] {
        let kind = kind.bound(to: replica.catalog)
        let columns = kind.spec.columnNames
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        func parameter(_ value: SQLValue) -> String {
            parameters.append(value)
            return "?\(parameters.count)"
        }
        for (column, value) in query.equals.sorted(by: { $0.key < $1.key }) {
            guard columns.contains(column) else {
                throw .invalidField(field: column, value: value, reason: "is not a field of \(kind.table)")
            }
            conditions.append("t.\(column) = \(parameter(.text(value)))")
        }
        if let dateColumn = kind.dateColumn {
            if let from = query.from { conditions.append("t.\(dateColumn) >= \(parameter(.text(from.description)))") }
            if let to = query.to { conditions.append("t.\(dateColumn) <= \(parameter(.text(to.description)))") }
        }
        for word in query.search.split(whereSeparator: \.isWhitespace).prefix(8) {
            let pattern = parameter(.text("%\(Self.escapedForLike(String(word)))%"))
            conditions.append("(" + searchableExpressions(kind).map { "\($0) LIKE \(pattern) ESCAPE '\\'" }.joined(separator: " OR ") + ")")
        }
        let order = kind.dateColumn.map { "t.\($0) DESC, t.rowid DESC" } ?? kind.nameColumn.map { "t.\($0) COLLATE NOCASE, t.rowid" } ?? "t.rowid"
        let sql = "SELECT t.id, \(columns.map { "t.\($0)" }.joined(separator: ", ")) FROM \(kind.table) t"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY \(order) LIMIT \(max(1, query.limit))"
        return try OfficeError.wrap("listing \(kind.table)") {
            try replica.connection.query(sql, parameters).map { row in
                SavedRecord(
                    table: kind.table, id: row[0].text ?? "",
                    values: Dictionary(uniqueKeysWithValues: zip(columns, row.dropFirst().map(FieldValue.init(_:)))))
            }
        }
    }

    /// Row `id` of `kind`, with the rows of its child kinds (a household's people and pacts, a
    /// person's identity).
    ///
    /// - Throws: `OfficeError.notFound` when the replica has no such row.
    public func record(_ kind: RecordKind, id: String) throws(OfficeError) -> SavedRecord {
        let kind = kind.bound(to: replica.catalog)
        return try OfficeError.wrap("reading \(kind.table) \(id)") {
            guard var record = try store.fetch(kind.table, id: id) else {
                throw OfficeError.notFound(table: kind.table, key: id)
            }
            for child in kind.children {
                record.related[child.table] = try store.rows(child.table, where: child.parent!.column, equals: id)
            }
            return record
        }
    }

    /// Adds a row of `kind` from typed `texts` (by column), checked exactly as the record commands
    /// check theirs; a household gets a new pseudonym code.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func add(_ kind: RecordKind, texts: [String: String?]) throws(OfficeError) -> SavedRecord {
        let kind = kind.bound(to: replica.catalog)
        let values = try Self.validated(kind, texts)
        return try write("adding a \(kind.table)") { store in try insert(kind, values, store) }
    }

    /// A row of `rows` that cannot be added: its index and why.
    public struct RowProblem: Sendable, Equatable {
        /// The row's index in the rows given.
        public let index: Int
        /// Why it cannot be added (the field at fault).
        public let error: OfficeError
    }

    /// Adds every one of `rows` (typed texts by column, as `add` takes them) in one transaction, or
    /// none: with any problem, or in a `dryRun`, nothing is written and every problem is returned.
    ///
    /// - Throws: `OfficeError.database` when SQLite fails.
    public func addAll(_ kind: RecordKind, rows: [[String: String?]], dryRun: Bool) throws(OfficeError) -> [RowProblem] {
        let kind = kind.bound(to: replica.catalog)
        var problems: [RowProblem] = []
        struct RollBack: Error {}
        do {
            try replica.connection.transaction {
                for (index, texts) in rows.enumerated() {
                    do {
                        _ = try insert(kind, try Self.validated(kind, texts), store)
                    } catch let error as OfficeError {
                        problems.append(RowProblem(index: index, error: error))
                    }
                }
                if dryRun || !problems.isEmpty { throw RollBack() }
            }
        } catch is RollBack {
            return problems
        } catch {
            let _: Void = try OfficeError.wrap("importing \(kind.table)") { throw error }
        }
        return problems
    }

    /// Inserts the checked `values` as a new row of `kind`: references resolved and checked against
    /// the rows they name, a pseudonym code drawn for a household. Runs in the caller's transaction.
    private func insert(_ kind: RecordKind, _ values: [String: FieldValue], _ store: RecordStore) throws -> SavedRecord {
        var generator = SystemRandomNumberGenerator()
        var values = try resolved(values, RecordForm(kind.table, kind.fields), store)
        try kind.input.check(values, against: { try store.fetch($0, id: $1)?.values })
        if kind.generatesName, let column = kind.nameColumn {
            values[column] = .text(try PseudonymCode.unique(site: replica.site, using: &generator) { code in
                !(try store.rows(kind.table, where: column, equals: code).isEmpty)
            })
        }
        return try store.insert(kind.table, values)
    }

    /// Sets every field of `kind`'s form on row `id` from `texts` (a field left blank is emptied),
    /// checked exactly as a new row is.
    ///
    /// - Throws: `OfficeError.notFound` for a missing row, else `OfficeError` naming the field at
    ///   fault; nothing is written then.
    public func update(_ kind: RecordKind, id: String, texts: [String: String?]) throws(OfficeError) -> SavedRecord {
        let kind = kind.bound(to: replica.catalog)
        let values = try Self.validated(kind, texts)
        return try write("correcting a \(kind.table)") { store in
            guard try store.fetch(kind.table, id: id) != nil else { throw OfficeError.notFound(table: kind.table, key: id) }
            var values = try resolved(values, RecordForm(kind.table, kind.fields), store)
            try kind.input.check(values, against: { try store.fetch($0, id: $1)?.values })
            for column in kind.formColumns where values[column] == nil { values[column] = .null }
            return try store.update(kind.table, id: id, values)
        }
    }

    /// Deletes row `id` of `kind`; a person's identity goes with it. A row other rows still refer
    /// to is kept.
    ///
    /// - Throws: `OfficeError.notFound` for a missing row, `.stillReferenced` naming the rows that
    ///   refer to it; nothing is deleted then.
    public func delete(_ kind: RecordKind, id: String) throws(OfficeError) {
        let kind = kind.bound(to: replica.catalog)
        try write("deleting a \(kind.table)") { store in
            guard try store.fetch(kind.table, id: id) != nil else { throw OfficeError.notFound(table: kind.table, key: id) }
            for (table, column) in Self.references(to: kind.table, in: replica.catalog) where table != "person_identity" {
                let count = try replica.connection.query(
                    "SELECT count(*) FROM \(table) WHERE \(column) = ?1", [.text(id)]).first?[0].integer ?? 0
                if count > 0 { throw OfficeError.stillReferenced(table: kind.table, by: table, count: Int(count)) }
            }
            if kind.table == "person" {
                try replica.connection.run("DELETE FROM person_identity WHERE person_id = ?1", [.text(id)])
            }
            try replica.connection.run("DELETE FROM \(kind.table) WHERE id = ?1", [.text(id)])
        }
    }

    /// The row of `kind` that `key` names: its id, or its name (a household's code, read without
    /// regard to case; a partner's name).
    ///
    /// - Throws: `OfficeError.notFound` or `.ambiguousReference`.
    public func find(_ kind: RecordKind, _ key: String) throws(OfficeError) -> SavedRecord {
        let kind = kind.bound(to: replica.catalog)
        let key = kind.generatesName ? key.uppercased() : key
        let id: String = try OfficeError.wrap("finding \(kind.table) \(key)") {
            if try store.fetch(kind.table, id: key) != nil { return key }
            if kind.table == "pact", let (site, number) = Self.pactNumber(in: key, defaultSite: replica.site),
                let id = try pactID(site: site, number: number)
            {
                return id
            }
            if let column = kind.nameColumn {
                let found = try replica.connection.query(
                    "SELECT id FROM \(kind.table) WHERE \(column) = ?1 COLLATE NOCASE LIMIT 2", [.text(key)])
                if found.count > 1 { throw OfficeError.ambiguousReference(field: kind.table, table: kind.table, key: key) }
                if let id = found.first?[0].text { return id }
            }
            throw OfficeError.notFound(table: kind.table, key: key)
        }
        return try record(kind, id: id)
    }

    /// `texts` checked by the kind's form, with the row it hangs from when the form leaves that out.
    static func validated(_ kind: RecordKind, _ texts: [String: String?]) throws(OfficeError) -> [String: FieldValue] {
        var values = try kind.input.validate(texts: texts, stored: false, catalog: kind.catalog)
        // The row it hangs from when the form leaves that out, and the columns a published version added.
        let extraFields = (kind.parentField.map { [$0] } ?? []) + kind.addedFields
        if !extraFields.isEmpty {
            let extra = try RecordForm(kind.table, extraFields).values(from: texts, catalog: kind.catalog)
            values.merge(extra) { _, new in new }
        }
        // A column the catalog retired is no longer written by the forms.
        for column in values.keys where kind.spec.column(named: column)?.retired == true { values[column] = nil }
        return values
    }

    /// The number of pact `id` within its office: its place among that office's pacts in the order
    /// this replica received them (1 for the first). A short reference (`farelegami show pact 3`, or
    /// `crema/3` at the central office), valid on this replica.
    public func pactNumber(of id: String) throws(OfficeError) -> Int? {
        try OfficeError.wrap("numbering pact \(id)") {
            let found = try replica.connection.query(
                "SELECT count(*) FROM pact p, pact q WHERE q.id = ?1 AND p.site_id IS q.site_id AND p.rowid <= q.rowid",
                [.text(id)])
            return found.first?[0].integer.flatMap { $0 > 0 ? Int($0) : nil }
        }
    }

    /// The id of pact `number` of `site`.
    private func pactID(site: String, number: Int) throws -> String? {
        try replica.connection.query(
            "SELECT id FROM pact WHERE site_id = ?1 ORDER BY rowid LIMIT 1 OFFSET ?2", [.text(site), .integer(Int64(number - 1))]
        ).first?[0].text
    }

    /// `3` or `crema/3` as a site and a pact number; nil for anything else.
    static func pactNumber(in key: String, defaultSite: String) -> (site: String, number: Int)? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last, let number = Int(last), number >= 1, parts.count <= 2 else { return nil }
        return (parts.count == 2 ? parts[0] : defaultSite, number)
    }

    /// Every (table, column) of `catalog` (the replica's) that refers to `table`.
    static func references(to table: String, in catalog: Catalog) -> [(String, String)] {
        catalog.tables.flatMap { spec in
            spec.columns.filter { $0.references == table }.map { (spec.name, $0.name) }
        }
    }

    /// The SQL expressions a search looks in: the kind's text columns, the names of the rows its
    /// references point to, and the real names this office keeps of a household's or person's people.
    private func searchableExpressions(_ kind: RecordKind) -> [String] {
        var expressions = kind.spec.columns.filter { $0.type == .text && $0.references == nil && $0.name != "site_id" }
            .map { "t.\($0.name)" }
        for column in kind.spec.columns {
            guard let target = column.references, target != "site",
                let name = RecordKind.named(target)?.nameColumn
            else { continue }
            expressions.append("(SELECT r.\(name) FROM \(target) r WHERE r.id = t.\(column.name))")
        }
        switch kind.table {
        case "household":
            expressions.append(
                "(SELECT group_concat(i.full_name, ' ') FROM person p JOIN person_identity i ON i.person_id = p.id "
                    + "WHERE p.household_id = t.id)")
        case "person":
            expressions.append("(SELECT group_concat(i.full_name, ' ') FROM person_identity i WHERE i.person_id = t.id)")
        default:
            break
        }
        return expressions
    }

    private static func escapedForLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

extension Office {
    /// Row `id` of `kind` alone (no related rows), or nil.
    public func row(_ kind: RecordKind, id: String) throws(OfficeError) -> SavedRecord? {
        let kind = kind.bound(to: replica.catalog)
        return try OfficeError.wrap("reading \(kind.table) \(id)") { try store.fetch(kind.table, id: id) }
    }

    /// How many rows `kind` has.
    public func count(_ kind: RecordKind) throws(OfficeError) -> Int {
        let kind = kind.bound(to: replica.catalog)
        return try OfficeError.wrap("counting \(kind.table)") {
            Int(try replica.connection.query("SELECT count(*) FROM \(kind.table)").first?[0].integer ?? 0)
        }
    }
}
