/// What a CSV import did, or in a dry run would do.
public struct CSVImportResult: Sendable, Equatable, Encodable {
    /// The table imported into.
    public let table: String
    /// The separator found in the header (`;` or `,`).
    public let separator: String
    /// The rows in the file (lines of blank fields only are not rows).
    public let rows: Int
    /// The lines of blank fields only (`;;;;`, an empty spreadsheet row), skipped.
    public let blankLines: Int
    /// Whether nothing was written on purpose (`--dry-run`).
    public let dryRun: Bool
    /// Every problem found; an import with problems writes nothing.
    public let problems: [CSVProblem]

    /// The lines with at least one problem.
    public var badLines: [Int] { Array(Set(problems.map(\.line))).sorted() }

    /// A result for `table`; `blankLines` defaults to none.
    public init(
        table: String, separator: String, rows: Int, blankLines: Int = 0, dryRun: Bool, problems: [CSVProblem]
    ) {
        self.table = table
        self.separator = separator
        self.rows = rows
        self.blankLines = blankLines
        self.dryRun = dryRun
        self.problems = problems
    }

    /// One line for a person: `imported 120 rows into household` or what a dry run found, with the
    /// blank lines skipped if there were any.
    public var summary: String {
        let skipped = blankLines == 0 ? "" : " (\(blankLines) blank \(blankLines == 1 ? "line" : "lines") skipped)"
        if problems.isEmpty {
            return dryRun
                ? "dry run: \(rows) \(rows == 1 ? "row" : "rows") of \(table) checked\(skipped), no problems; nothing was written"
                : "imported \(rows) \(rows == 1 ? "row" : "rows") into \(table)\(skipped)"
        }
        return "\(table): \(problems.count) problems on \(badLines.count) of \(rows) rows\(skipped); nothing was imported"
    }
}
