import SyncCore

/// Checks a parsed CSV file against one table, with no I/O: the header names the table's columns,
/// every record has as many fields, every cell follows its column's rule, ids are unique, references
/// name rows the replica holds, and site-class rows belong to the importing site.
struct CSVRowChecker {
    /// The table imported into.
    let table: TableSpec
    /// The importing replica's site.
    let site: String
    /// Whether the importing replica is the central office's (which may hold every site's rows).
    let isCentral: Bool
    /// The ids a table holds in the replica (looked up once per referenced table).
    let existingIDs: (String) throws -> Set<String>

    /// The file's columns and its rows as values in that order (with a generated id when the file
    /// has none), or every problem found.
    func check(_ document: CSVDocument) throws -> (columns: [String], rows: [[FieldValue]], problems: [CSVProblem]) {
        var problems = checkHeader(document.header)
        guard problems.isEmpty else { return ([], [], problems) }
        let columns = document.header.contains("id") ? document.header : ["id"] + document.header
        let idOffset = document.header.contains("id") ? 0 : 1
        var known: [String: Set<String>] = [:]
        func ids(of table: String) throws -> Set<String> {
            if let ids = known[table] { return ids }
            let ids = try existingIDs(table)
            known[table] = ids
            return ids
        }
        let existing = try ids(of: table.name)
        var seen: [String: Int] = [:]
        var rows: [[FieldValue]] = []
        rows.reserveCapacity(document.records.count)
        for record in document.records {
            guard record.fields.count == document.header.count else {
                problems.append(
                    CSVProblem(
                        line: record.line,
                        detail: "has \(record.fields.count) fields but the header has \(document.header.count)"))
                continue
            }
            var row: [FieldValue] = idOffset == 1 ? [.text(RecordStore.newID())] : []
            for (name, text) in zip(document.header, record.fields) {
                do {
                    let value = try checkCell(text, column: name)
                    if let reference = reference(of: name), case .text(let key) = value,
                        !(try ids(of: reference)).contains(key)
                    {
                        problems.append(
                            CSVProblem(
                                line: record.line, column: name, detail: "no \(reference) '\(key)' in this replica"))
                    }
                    row.append(value)
                } catch let error as OfficeError {
                    problems.append(CSVProblem(line: record.line, column: name, detail: Self.reason(error)))
                    row.append(.null)
                }
            }
            if case .text(let id) = row[columns.firstIndex(of: "id")!] {
                if existing.contains(id) {
                    problems.append(
                        CSVProblem(line: record.line, column: "id", detail: "'\(id)' already exists in this replica"))
                } else if let first = seen[id] {
                    problems.append(
                        CSVProblem(line: record.line, column: "id", detail: "'\(id)' is also on line \(first)"))
                } else {
                    seen[id] = record.line
                }
            }
            rows.append(row)
        }
        return (columns, rows, problems)
    }

    private func checkHeader(_ header: [String]) -> [CSVProblem] {
        var problems: [CSVProblem] = []
        var seen = Set<String>()
        for name in header {
            if name != "id" && table.column(named: name) == nil {
                problems.append(
                    CSVProblem(
                        line: 1, column: name,
                        detail:
                            "not a column of \(table.name) (columns: id, \(table.columnNames.joined(separator: ", ")))")
                )
            } else if !seen.insert(name).inserted {
                problems.append(CSVProblem(line: 1, column: name, detail: "appears twice in the header"))
            }
        }
        return problems
    }

    private func checkCell(_ text: String, column name: String) throws(OfficeError) -> FieldValue {
        guard name != "id" else {
            let value = try FieldRule.id.value(of: text, table: table.name, column: "id")
            guard value != .null else { throw .missingField("id") }
            return value
        }
        let column = table.column(named: name)!
        let value = try ColumnRules.rule(for: column, in: table.name).value(of: text, table: table.name, column: name)
        if name == "site_id", table.privacy == .site, !isCentral, case .text(let owner) = value, owner != site {
            throw .invalidField(
                field: name, value: owner,
                reason: "is another site's: a \(site) replica holds only its own \(table.name) rows")
        }
        return value
    }

    private func reference(of column: String) -> String? {
        guard column != "site_id" else { return nil }
        return table.column(named: column)?.references
    }

    /// The error's message without the leading field name (the problem names the column already).
    static func reason(_ error: OfficeError) -> String {
        switch error {
        case .invalidField(_, let value, let reason): "'\(value)' \(reason)"
        case .missingField: "is empty"
        default: error.description
        }
    }
}
