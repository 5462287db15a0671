import ReplicaStore
import SQLiteDatabase
import SyncCore

extension Office {
    /// The tables a CSV file may carry: every shared and site-class domain table, in catalog order
    /// (parents before the rows that refer to them).
    public var csvTables: [String] { replica.catalog.tables.filter { $0.privacy != .local }.map(\.name) }

    /// Every row of `table` as CSV: a header of `id` and the column names, NULL as an empty field,
    /// amounts in cents as stored.
    ///
    /// - Throws: `OfficeError.localTable` for `person_identity` (names and tax codes never leave the
    ///   replica), `.unknownTable` for anything but a domain table.
    public func exportCSV(
        table name: String, separator: Character = ",", byteOrderMark: Bool = false
    )
        throws(OfficeError) -> String
    {
        let table = try domainTable(name)
        guard table.privacy != .local else { throw .localTable(name) }
        let columns = ["id"] + table.columnNames
        return try OfficeError.wrap("exporting \(name)") {
            var text = (byteOrderMark ? "\u{FEFF}" : "") + CSVWriter.line(columns, separator: separator)
            let statement = try replica.connection.prepare(
                "SELECT \(columns.joined(separator: ", ")) FROM \(name) ORDER BY id"
            ).bind([])
            while try statement.step() {
                let fields = (0..<Int32(columns.count)).map { index in Self.csvText(statement.value(at: index)) }
                text += CSVWriter.line(fields, separator: separator)
            }
            return text
        }
    }

    /// Imports the CSV file `bytes` into `table` in one transaction: every row or none.
    ///
    /// Rows are checked first (header, field counts, each cell against its column, unique ids,
    /// references to rows the replica holds, site-class rows of this site only, and exactly what the
    /// record command that adds such a row checks, with its defaults for columns the file lacks);
    /// with any problem nothing is written. Lines of blank fields only (`;;;;`) are skipped and
    /// counted. A file without an `id` column gets fresh ids; an empty `site_id` is this replica's
    /// site, or the household's or pact's the row hangs from; a household without a `code` gets a new
    /// random pseudonym.
    ///
    /// - Returns: the result; in a dry run, with every problem found.
    /// - Throws: `OfficeError.csvRejected` listing every problem (not in a dry run), `.csvFormat` for
    ///   a file that cannot be read as CSV.
    public func importCSV(
        table name: String, bytes: [UInt8], dryRun: Bool = false
    ) throws(OfficeError)
        -> CSVImportResult
    {
        let table = try domainTable(name)
        let document = try CSVDocument(bytes: bytes)
        let connection = replica.connection
        let checker = CSVRowChecker(
            table: table, site: replica.site, isCentral: replica.isCentral,
            existingIDs: { table in
                var ids = Set<String>()
                let statement = try connection.prepare("SELECT id FROM \(table)").bind([])
                while try statement.step() { if let id = statement.text(at: 0) { ids.insert(id) } }
                return ids
            },
            existingRow: { [store] table, id in try store.fetch(table, id: id)?.values })
        let checked = try OfficeError.wrap("checking \(name)") { try checker.check(document) }
        let result = CSVImportResult(
            table: name, separator: String(document.separator), rows: document.records.count,
            blankLines: document.blankLines, dryRun: dryRun, problems: checked.problems)
        if dryRun { return result }
        guard checked.problems.isEmpty else { throw .csvRejected(table: name, problems: checked.problems) }
        try write("importing \(name)") { store in
            var (columns, rows) = (checked.columns, checked.rows)
            if name == "household" { try addCodes(&columns, &rows, store) }
            let marks = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
            let insert = try connection.prepare(
                "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(marks))")
            for row in rows { try insert.bind(row.map(\.sqlValue)).run() }
        }
        return result
    }

    /// Gives every imported household without a code a new random pseudonym.
    private func addCodes(_ columns: inout [String], _ rows: inout [[FieldValue]], _ store: RecordStore) throws {
        if !columns.contains("code") {
            columns.append("code")
            for index in rows.indices { rows[index].append(.null) }
        }
        let column = columns.firstIndex(of: "code")!
        var taken = Set(try store.connection.query("SELECT code FROM household").compactMap { $0[0].text })
        taken.formUnion(rows.compactMap { if case .text(let code) = $0[column] { code } else { nil } })
        var generator = SystemRandomNumberGenerator()
        for index in rows.indices where rows[index][column] == .null {
            rows[index][column] = .text(
                PseudonymCode.unique(site: replica.site, using: &generator) { !taken.insert($0).inserted })
        }
    }

    private func domainTable(_ name: String) throws(OfficeError) -> TableSpec {
        guard let table = replica.catalog.table(named: name) else { throw .unknownTable(name) }
        return table
    }

    private static func csvText(_ value: SQLValue) -> String {
        switch value {
        case .null, .blob: ""
        case .integer(let integer): String(integer)
        case .real(let real): String(real)
        case .text(let text): text
        }
    }
}
