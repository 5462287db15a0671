import OfficeWork
import SyncCore

/// A list as the office filtered it, as CSV for an Italian spreadsheet: `;` between fields, a BOM,
/// the fields by their names, references by the names of the rows they point to, decimals with a
/// comma, dates dd/mm/yyyy, enumerated values in words.
enum ListExport {
    static func csv(_ kind: RecordKind, parameters: [String: String], office: Office, texts: Texts) throws -> String {
        var (query, _) = PageBuilder.query(kind, parameters)
        query.limit = Int.max
        let records = try office.records(kind, matching: query)
        let namer = RecordNamer(office: office, texts: texts)
        let columns = kind.spec.columnNames
        var text = "\u{FEFF}" + CSVWriter.line(columns.map { texts.column(kind.table, $0) }, separator: ";")
        for record in records {
            let fields = columns.map { column -> String in
                switch record[column] {
                case .integer(let cents) where column == "amount_cents":
                    return String(ItalianFormat.euros(cents).dropLast(2)).replacingOccurrences(of: ".", with: "")
                default:
                    return CSVWriter.spreadsheetText(namer.display(record, column))
                }
            }
            text += CSVWriter.line(fields, separator: ";")
        }
        return text
    }
}
