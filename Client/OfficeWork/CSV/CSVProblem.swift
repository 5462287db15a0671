/// One thing wrong in a CSV file: the line it is on, the column when it is about one cell, and why.
public struct CSVProblem: Sendable, Equatable, Encodable, CustomStringConvertible {
    /// The line the record starts on (1 is the header).
    public let line: Int
    /// The column at fault, when the problem is about one cell.
    public let column: String?
    /// What is wrong, e.g. `'2026-02-30' is not a date YYYY-MM-DD`.
    public let detail: String

    /// A problem on `line`, in `column` when given.
    public init(line: Int, column: String? = nil, detail: String) {
        self.line = line
        self.column = column
        self.detail = detail
    }

    /// `line 4, adults: 'two' is not a whole number from 0 to 1000000`.
    public var description: String {
        "line \(line)" + (column.map { ", \($0)" } ?? "") + ": \(detail)"
    }
}
