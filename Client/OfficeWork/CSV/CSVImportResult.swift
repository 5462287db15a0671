/// What a CSV import did, or in a dry run would do.
public struct CSVImportResult: Sendable, Equatable, Encodable {
    /// The table imported into.
    public let table: String
    /// The separator found in the header (`;` or `,`).
    public let separator: String
    /// The rows in the file.
    public let rows: Int
    /// Whether nothing was written on purpose (`--dry-run`).
    public let dryRun: Bool
    /// Every problem found; an import with problems writes nothing.
    public let problems: [CSVProblem]

    /// The lines with at least one problem.
    public var badLines: [Int] { Array(Set(problems.map(\.line))).sorted() }

    /// One line for a person: `imported 120 rows into household` or what a dry run found.
    public var summary: String {
        if problems.isEmpty {
            return dryRun
                ? "dry run: \(rows) \(rows == 1 ? "row" : "rows") of \(table) checked, no problems; nothing was written"
                : "imported \(rows) \(rows == 1 ? "row" : "rows") into \(table)"
        }
        return "\(table): \(problems.count) problems on \(badLines.count) of \(rows) rows; nothing was imported"
    }
}
