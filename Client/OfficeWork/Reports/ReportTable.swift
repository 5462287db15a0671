/// One value of a report.
public enum ReportCell: Sendable, Hashable, CustomStringConvertible {
    /// A label (a site, a partner, a kind).
    case text(String)
    /// A count shown as it is.
    case count(Int)
    /// A count of site-class data from 1 to 4, shown as `<5` so no household can be singled out.
    case suppressed
    /// An amount in cents, shown in euros.
    case euros(Int64)
    /// A measure shown with one decimal (hours, days).
    case number(Double)
    /// A percentage shown with one decimal.
    case percent(Double)
    /// Nothing to show (`-`), e.g. an average of no values.
    case none

    /// A count of site-class data (households, people, pacts): 1 to 4 becomes `.suppressed`.
    public static func siteCount(_ count: Int) -> ReportCell {
        (1...4).contains(count) ? .suppressed : .count(count)
    }

    /// `part` as a percentage of `whole`, or `.none` when `whole` is zero.
    public static func share(_ part: Int64, of whole: Int64) -> ReportCell {
        whole == 0 ? .none : .percent(Double(part) * 100 / Double(whole))
    }

    /// The cell as text, reports and CSV alike: `<5`, `1234.50`, `12.5`, `45.0%`.
    public var description: String {
        switch self {
        case .text(let text): text
        case .count(let count): String(count)
        case .suppressed: "<5"
        case .euros(let cents): Euros.plain(cents)
        case .number(let value): Self.oneDecimal(value)
        case .percent(let value): Self.oneDecimal(value) + "%"
        case .none: "-"
        }
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }
}

/// A report: a title, the period, named columns and rows of cells, and notes saying what was counted.
public struct ReportTable: Sendable, Equatable {
    /// Which report.
    public let name: ReportName
    /// The title, e.g. `Pacts by kind and status per site`.
    public let title: String
    /// The period covered.
    public let period: ReportPeriod
    /// The column headings.
    public let columns: [String]
    /// The rows, each with one cell per column.
    public var rows: [[ReportCell]]
    /// What was counted and how (definitions, suppression).
    public var notes: [String]

    /// A report with `columns` and `rows`.
    public init(
        name: ReportName, title: String, period: ReportPeriod, columns: [String], rows: [[ReportCell]],
        notes: [String] = []
    ) {
        self.name = name
        self.title = title
        self.period = period
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    /// The cell in column `column` of the row whose first cells are `labels` (for tests and scripts).
    public func cell(_ labels: String..., column: String) -> ReportCell? {
        guard let index = columns.firstIndex(of: column),
            let row = rows.first(where: { Array($0.prefix(labels.count)) == labels.map(ReportCell.text) })
        else { return nil }
        return row[index]
    }
}
