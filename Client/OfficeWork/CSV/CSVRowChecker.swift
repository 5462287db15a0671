import SyncCore

/// Checks a parsed CSV file against one table, with no I/O: the header names the table's columns,
/// every record has as many fields, every cell follows its column's rule, ids are unique, references
/// name rows the replica holds, site-class rows belong to the importing site, and each row passes
/// exactly the checks of the record command that adds rows to the table (`RecordCommands`: required
/// fields, allowed values, checks across fields, the command's defaults for columns the file lacks).
struct CSVRowChecker {
    /// The table imported into.
    let table: TableSpec
    /// The importing replica's site.
    let site: String
    /// Whether the importing replica is the central office's (which may hold every site's rows).
    let isCentral: Bool
    /// The ids a table holds in the replica (looked up once per referenced table).
    let existingIDs: (String) throws -> Set<String>
    /// The values of one row the replica holds (table, id), for the record command's checks against
    /// the rows a row refers to.
    let existingRow: (String, String) throws -> [String: FieldValue]?

    /// The file's columns and its rows as values in that order (with a generated id when the file
    /// has none), or every problem found.
    func check(_ document: CSVDocument) throws -> (columns: [String], rows: [[FieldValue]], problems: [CSVProblem]) {
        var problems = checkHeader(document.header)
        guard problems.isEmpty else { return ([], [], problems) }
        let input = RecordCommands.input(adding: table.name)
        // The command's fields the file lacks, filled with its defaults (or left empty).
        let added = input.map { $0.form.fields.map(\.column).filter { !document.header.contains($0) } } ?? []
        let columns = (document.header.contains("id") ? document.header : ["id"] + document.header) + added
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
            let problemsBefore = problems.count
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
            row += added.map { _ in FieldValue.null }
            // The record command's own checks, once every cell has its column's shape.
            if let input, problems.count == problemsBefore {
                do {
                    let values = try Self.validate(record.fields, header: document.header, as: input)
                    try input.check(values, against: existingRow)
                    for (index, column) in columns.enumerated() where input.form.field(for: column) != nil {
                        row[index] = values[column] ?? .null
                    }
                } catch let error as OfficeError {
                    let column = Self.column(of: error, in: input.form)
                    problems.append(CSVProblem(line: record.line, column: column, detail: Self.reason(error)))
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

    /// The values `input`'s record command would store for a record of `fields` under `header`,
    /// read in their stored form (amounts in cents).
    private static func validate(_ fields: [String], header: [String], as input: any RecordInput.Type) throws
        -> [String: FieldValue]
    {
        var texts: [String: String?] = [:]
        for (column, text) in zip(header, fields) where column != "id" && column != "site_id" {
            texts.updateValue(text, forKey: column)
        }
        return try input.validate(texts: texts, stored: true)
    }

    /// The column the record command's `error` is about (its fields are named by their labels).
    private static func column(of error: OfficeError, in form: RecordForm) -> String? {
        switch error {
        case .invalidField(let label, _, _), .missingField(let label): form.field(labelled: label)?.column ?? label
        default: nil
        }
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
