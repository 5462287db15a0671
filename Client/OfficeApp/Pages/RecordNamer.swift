import OfficeWork
import SyncCore

/// Names records and shows values the way people read them: a reference as the name of the row it
/// points to, an enumerated value in words, dates as dd/mm/yyyy, money as `1.234,50 €`. Never an id.
/// Not `Sendable`: it reads through the office's connection and lives for one request.
final class RecordNamer {
    let office: Office
    let texts: Texts
    private var names: [String: String] = [:]

    init(office: Office, texts: Texts) {
        self.office = office
        self.texts = texts
    }

    /// The name of `record`: its naming columns in words; a person's real name first when this
    /// office keeps it.
    func name(of record: SavedRecord, depth: Int = 0) -> String {
        let columns = office.replica.catalog.namingColumns(of: record.table)
        var parts = columns.compactMap { column -> String? in
            let text = display(record, column, depth: depth + 1)
            return text.isEmpty ? nil : text
        }
        if record.table == "pact", let number = try? office.pactNumber(of: record.id) {
            parts.insert("n. \(number)", at: 0)
        }
        if record.table == "person", depth == 0,
            let identity = try? office.records(
                RecordKind.named("person_identity")!, matching: RecordQuery(equals: ["person_id": record.id], limit: 1)
            ).first, let fullName = identity.text("full_name"), !fullName.isEmpty
        {
            parts.insert(fullName, at: 0)
        }
        return parts.isEmpty ? texts.table(record.table) : parts.joined(separator: " · ")
    }

    /// The name of row `id` of `table` (cached for the request); "—" when the replica has no such row.
    func name(table: String, id: String, depth: Int = 0) -> String {
        let key = "\(table)/\(id)"
        if let known = names[key] { return known }
        guard let kind = RecordKind.named(table), let record = try? office.row(kind, id: id) else {
            return table == "site" ? texts.value(table, "site_id", id) : "—"
        }
        let name = depth > 2 ? texts.table(table) : self.name(of: record, depth: depth)
        names[key] = name
        return name
    }

    /// `column` of `record` as text to show; empty for no value.
    func display(_ record: SavedRecord, _ column: String, depth: Int = 0) -> String {
        let table = record.table
        let spec = office.replica.catalog.table(named: table)?.column(named: column)
        switch record[column] {
        case .null:
            return ""
        case .text(let text):
            if column == RowVersion.ownerColumn { return texts.value(table, "site_id", text) }
            if let target = spec?.references { return name(table: target, id: text, depth: depth) }
            if spec?.allowed != nil || Self.isEnumerated(table, column) { return texts.value(table, column, text) }
            if Self.isDate(column) { return ItalianFormat.date(text) }
            return text
        case .integer(let number):
            return column == "amount_cents" ? ItalianFormat.euros(number) : String(number)
        case .real(let number):
            return ItalianFormat.decimal(number)
        case let value:
            return value.description
        }
    }

    /// Whether `column` holds a date (`…_on`, `on_date`).
    static func isDate(_ column: String) -> Bool { column.hasSuffix("_on") || column == "on_date" }

    /// Whether a form restricts `column` of `table` to a list of values.
    static func isEnumerated(_ table: String, _ column: String) -> Bool {
        guard let field = RecordKind.named(table)?.form.field(for: column) else { return false }
        if case .oneOf = field.rule { return true }
        return field.rule == .choice
    }
}
