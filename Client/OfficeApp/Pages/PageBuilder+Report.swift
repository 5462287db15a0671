import Foundation
import OfficeWork

extension PageBuilder {
    /// The report to the funder over `periodText` (`2026-H1`; empty: all time): the tables of
    /// `farelegami report all` (one implementation), in words, each with its chart.
    func report(periodText: String, now: Date = Date()) throws -> String {
        let period = (try? ReportPeriod(half: periodText)) ?? .allTime
        let data = try office.reportData()
        let tables = ReportName.each.map { Reports.compute($0, data: data, period: period) }
        let words = ReportWords(texts: texts)
        let sections = tables.map { table -> ReportPage.Section in
            let chart = chart(table, data: data, period: period, words: words)
            let headers = table.columns.map { words.word($0, table: table.name) }
            let rows = table.rows.map { cells in
                Row(cells: cells.enumerated().map { index, cell in
                    Cell(header: headers[index], text: words.cell(cell, table: table.name, column: table.columns[index]))
                })
            }
            return ReportPage.Section(
                id: "report-\(table.name.rawValue)", title: ReportWords.titles[table.name] ?? table.title,
                svg: chart?.svg ?? "", chartTitle: chart?.title ?? "", headers: headers, rows: rows,
                hasRows: !rows.isEmpty, notes: table.notes.map(words.note))
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let halves = (year - 2...year + 1).flatMap { ["\($0)-H1", "\($0)-H2"] }
        let periods = [Option(value: "", label: texts["ui_all_time"], selected: !period.isBounded)]
            + halves.map { Option(value: $0, label: Self.halfLabel($0), selected: $0 == periodText && period.isBounded) }
        let label = period.isBounded ? Self.halfLabel(periodText) : texts["ui_all_time"]
        let page = ReportPage(
            t: texts.strings, chrome: chrome("\(texts["ui_report_title"]) · \(label)"), periodLabel: label, periods: periods,
            csvHref: "/report.csv" + (period.isBounded ? "?period=\(periodText)" : ""), sections: sections)
        return Templates.render(page, "report")
    }

    /// `2026-H1` as "1° semestre 2026".
    static func halfLabel(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2 else { return text }
        return "\(parts[1] == "H1" ? "1°" : "2°") semestre \(parts[0])"
    }

    /// The chart of `table`, when it has one.
    private func chart(_ table: ReportTable, data: ReportData, period: ReportPeriod, words: ReportWords) -> BarChart? {
        func value(_ cell: ReportCell) -> Double {
            switch cell {
            case .count(let count): Double(count)
            case .euros(let cents): Double(cents) / 100
            default: 0
            }
        }
        func label(_ cells: [ReportCell], _ columns: Int) -> String {
            (0..<columns).map { words.cell(cells[$0], table: table.name, column: table.columns[$0]) }.joined(separator: " · ")
        }
        let euros: @Sendable (Double) -> String = { ItalianFormat.euros(Int64(($0 * 100).rounded())).replacingOccurrences(of: ",00 €", with: " €") }
        let counts: @Sendable (Double) -> String = { String(Int($0.rounded())) }
        let id = "chart-\(table.name.rawValue)"
        let title = ReportWords.titles[table.name] ?? table.title
        switch table.name {
        case .pacts:
            let rows = table.rows.filter { $0[0] != .text("all sites") }
            let statuses = 2..<(table.columns.count - 1)
            return BarChart(
                id: id, title: title, categories: rows.map { label($0, 2) },
                series: statuses.map { column in BarChart.Series(name: words.word(table.columns[column], table: .pacts), values: rows.map { value($0[column]) }) },
                stacked: true, format: counts)
        case .labs:
            let months = data.labParticipantsByMonth(in: period)
            return BarChart(
                id: id, title: texts["ui_report_participants"], categories: months.map { "\($0.month.suffix(2))/\($0.month.prefix(4))" },
                series: [BarChart.Series(name: words.word("participants", table: .labs), values: months.map { Double($0.participants) })],
                stacked: false, format: counts)
        case .cofinancing:
            let rows = table.rows.filter { $0[0] != .text("all partners") }
            return BarChart(
                id: id, title: title, categories: rows.map { label($0, 1) },
                series: [1, 2].map { column in BarChart.Series(name: words.word(table.columns[column], table: .cofinancing), values: rows.map { value($0[column]) }) },
                stacked: false, format: euros)
        case .spending:
            let rows = table.rows.filter { $0[0] != .text("all sites") }
            return BarChart(
                id: id, title: title, categories: rows.map { label($0, 2) },
                series: [2, 3].map { column in BarChart.Series(name: words.word(table.columns[column], table: .spending), values: rows.map { value($0[column]) }) },
                stacked: false, format: euros)
        default:
            return nil
        }
    }
}
