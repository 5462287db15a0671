import ArgumentParser
import OfficeWork

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The funder's six-monthly reports, from the central replica (hq).",
        discussion: """
            Reports: pacts, households, labs, needs, volunteers, cofinancing, donations, spending, budget, all.
            Counts of households, people and pacts from 1 to 4 are shown as <5. Period: --period 2026-H1
            (January-June) or 2026-H2 (July-December), or --from/--to; none means all time. Each report's
            notes say what the period selects. Against the project budget of EUR 3,300,000 (EUR 1,500,000
            from Fondazione Cariplo).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    @OptionGroup var replica: ReplicaOptions
    @Argument(
        help: "The report: pacts, households, labs, needs, volunteers, cofinancing, donations, spending, budget or all."
    )
    var name: String
    @Option(help: "A half-year: 2026-H1 or 2026-H2.") var period: String?
    @Option(help: "The first day, YYYY-MM-DD.") var from: String?
    @Option(help: "The last day, YYYY-MM-DD.") var to: String?
    @Option(help: "text (default), csv or json.") var format: Format = .text

    func validate() throws {
        if period != nil, from != nil || to != nil { throw ValidationError("give --period or --from/--to, not both") }
    }

    func run() throws {
        guard let report = ReportName(rawValue: name) else { throw OfficeError.unknownReport(name) }
        let range =
            try period.map { text throws(OfficeError) in try ReportPeriod(half: text) }
            ?? ReportPeriod(from: from, to: to)
        let tables = try replica.office().report(report, period: range)
        switch format {
        case .text: print(tables.map(\.text).joined(separator: "\n"), terminator: "")
        case .csv where tables.count == 1: print(tables[0].csv(), terminator: "")
        case .csv:
            print(
                tables.map { "# \($0.title) (\($0.period))\r\n" + $0.csv() }.joined(separator: "\r\n"), terminator: "")
        case .json: print(try RecordOutput.json(report == .all ? AnyReports.many(tables) : AnyReports.one(tables[0])))
        }
    }

    /// One report as an object, or `all` as an array.
    enum AnyReports: Encodable {
        case one(ReportTable)
        case many([ReportTable])

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .one(let table): try table.encode(to: encoder)
            case .many(let tables): try tables.encode(to: encoder)
            }
        }
    }
}
