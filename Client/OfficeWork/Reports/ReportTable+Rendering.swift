extension ReportTable {
    /// The report for a terminal: title, period, aligned columns (numbers to the right), notes.
    public var text: String {
        let cells = [columns] + rows.map { $0.map(\.description) }
        let widths = columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        func line(_ values: [String], numeric: [Bool]) -> String {
            values.indices.map { index in
                let padding = String(repeating: " ", count: widths[index] - values[index].count)
                return numeric[index] ? padding + values[index] : values[index] + padding
            }.joined(separator: "  ").trimmingSpaces
        }
        let numeric = columns.indices.map { index in
            rows.contains { row in if case .text = row[index] { false } else { true } }
        }
        var lines = ["\(title) (\(period))", ""]
        lines.append(line(columns, numeric: numeric))
        lines.append(line(widths.map { String(repeating: "-", count: $0) }, numeric: numeric))
        lines += rows.map { line($0.map(\.description), numeric: numeric) }
        if !notes.isEmpty { lines += [""] + notes }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as CSV: a header of the column names and one record per row (`<5`, `1234.50`).
    public func csv(separator: Character = ",") -> String {
        CSVWriter.line(columns, separator: separator)
            + rows.map { row in
                CSVWriter.line(
                    row.map { cell in
                        // A label (a partner's name) never runs as a formula in the spreadsheet.
                        if case .text(let text) = cell { CSVWriter.spreadsheetText(text) } else { cell.description }
                    }, separator: separator)
            }.joined()
    }
}

extension ReportTable: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Row: Encodable {
        let columns: [String]
        let cells: [ReportCell]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (column, cell) in zip(columns, cells) {
                let key = Key(column)
                switch cell {
                case .text(let text): try container.encode(text, forKey: key)
                case .count(let count): try container.encode(count, forKey: key)
                case .suppressed: try container.encode("<5", forKey: key)
                case .euros(let cents): try container.encode(Double(cents) / 100, forKey: key)
                case .number(let value), .percent(let value):
                    try container.encode((value * 10).rounded() / 10, forKey: key)
                case .none: try container.encodeNil(forKey: key)
                }
            }
        }
    }

    /// `{"report", "title", "from", "to", "columns", "rows": [{column: value}], "notes"}`; euros as
    /// numbers of euros, suppressed counts as the string `<5`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name.rawValue, forKey: Key("report"))
        try container.encode(title, forKey: Key("title"))
        try container.encode(period.from?.description, forKey: Key("from"))
        try container.encode(period.to?.description, forKey: Key("to"))
        try container.encode(columns, forKey: Key("columns"))
        try container.encode(rows.map { Row(columns: columns, cells: $0) }, forKey: Key("rows"))
        try container.encode(notes, forKey: Key("notes"))
    }
}
