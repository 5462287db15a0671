import OfficeWork
import SyncCore

/// A CSV file of records as the office's spreadsheets hold them (the list export's own format:
/// fields by their names, references by the names of the rows they point to, values in words,
/// dates dd/mm/yyyy, decimal commas) read back into records of one kind. Every row is checked as
/// the form checks it; rows identical to a record already kept are skipped, so a list exported
/// and imported again adds nothing.
struct ListImport {
    /// One problem: the file's line and what is wrong, in words.
    struct Problem: Sendable {
        let line: Int
        let text: String
    }

    /// What the file would add.
    struct Preview: Sendable {
        /// The rows to add, as the record forms read them.
        var rows: [[String: String?]] = []
        /// Their lines in the file.
        var lines: [Int] = []
        /// Rows the office already keeps exactly so.
        var duplicates = 0
        /// Every problem found; with any, nothing is imported.
        var problems: [Problem] = []
    }

    let kind: RecordKind
    let office: Office
    let texts: Texts
    let namer: RecordNamer

    init(kind: RecordKind, office: Office, texts: Texts) {
        self.kind = kind
        self.office = office
        self.texts = texts
        self.namer = RecordNamer(office: office, texts: texts)
    }

    /// Reads `bytes` and checks every row against the replica, writing nothing.
    func preview(_ bytes: [UInt8]) -> Preview {
        var preview = Preview()
        let document: CSVDocument
        do {
            document = try CSVDocument(bytes: bytes)
        } catch {
            preview.problems.append(Problem(line: 1, text: error.description))
            return preview
        }
        let columns = document.header.map(column(labelled:))
        for (index, header) in document.header.enumerated() where columns[index] == nil {
            preview.problems.append(Problem(line: 1, text: "“\(header)”: \(texts["ui_import_unknown_column"])"))
        }
        let existing = Set(((try? office.records(kind, matching: RecordQuery(limit: 100_000))) ?? []).map { comparable(kind.texts(of: $0)) })
        let references = referenceNames()
        for record in document.records {
            var posted: [String: String] = [:]
            var rowProblems: [String] = []
            for (index, cell) in record.fields.enumerated() where index < columns.count {
                guard let column = columns[index], let field = kind.fields.first(where: { $0.column == column }) else { continue }
                let value = CSVWriter.fromSpreadsheetText(cell.trimmingCharacters(in: .whitespaces))
                guard !value.isEmpty else { continue }
                switch field.rule {
                case .reference(let target):
                    let ids = references[target]?[value.lowercased()] ?? []
                    if ids.count == 1 { posted[column] = ids[0] } else {
                        rowProblems.append("\(texts.column(kind.table, column)): “\(value)” \(texts[ids.isEmpty ? "ui_import_not_found" : "ui_import_ambiguous"])")
                    }
                case .choice, .oneOf:
                    posted[column] = storedValue(of: value, column: column, rule: field.rule) ?? value
                default:
                    posted[column] = value
                }
            }
            let (typed, problems) = FormSubmission.texts(kind, posted: posted, texts: texts)
            rowProblems += problems.byColumn.sorted { $0.key < $1.key }.map { "\(texts.column(kind.table, $0.key)): \($0.value)" }
            if !rowProblems.isEmpty {
                preview.problems += rowProblems.map { Problem(line: record.line, text: $0) }
                continue
            }
            if existing.contains(comparable(typed)) {
                preview.duplicates += 1
                continue
            }
            preview.rows.append(typed)
            preview.lines.append(record.line)
        }
        guard preview.problems.isEmpty, !preview.rows.isEmpty else { return preview }
        do {
            let refused = try office.addAll(kind, rows: preview.rows, dryRun: true)
            for problem in refused {
                let described = FieldProblems(problem.error, kind: kind, texts: texts)
                let text = described.byColumn.map { "\(texts.column(kind.table, $0.key)): \($0.value)" }.first ?? described.form ?? ""
                preview.problems.append(Problem(line: preview.lines[problem.index], text: text))
            }
            let bad = Set(refused.map(\.index))
            preview.rows = preview.rows.enumerated().filter { !bad.contains($0.offset) }.map(\.element)
            preview.lines = preview.lines.enumerated().filter { !bad.contains($0.offset) }.map(\.element)
        } catch {
            preview.problems.append(Problem(line: 1, text: error.description))
        }
        return preview
    }

    /// The column a header names: by its label in the office's language, or by its own name.
    private func column(labelled header: String) -> String? {
        let wanted = header.trimmingCharacters(in: .whitespaces).lowercased()
        return kind.spec.columnNames.first { texts.column(kind.table, $0).lowercased() == wanted || $0 == wanted }
    }

    /// The stored value an enumerated `value` shown in words stands for.
    private func storedValue(of value: String, column: String, rule: FieldRule) -> String? {
        let allowed: [String]
        switch rule {
        case .oneOf(let values): allowed = values
        default: allowed = kind.spec.column(named: column)?.allowed ?? []
        }
        return allowed.first { $0 == value || texts.value(kind.table, column, $0).lowercased() == value.lowercased() }
    }

    /// For every table the kind refers to, its rows' ids by their names (lower case).
    private func referenceNames() -> [String: [String: [String]]] {
        var names: [String: [String: [String]]] = [:]
        for field in kind.fields {
            guard case .reference(let target) = field.rule, names[target] == nil, let targetKind = RecordKind.named(target) else { continue }
            var byName: [String: [String]] = [:]
            for record in (try? office.records(targetKind, matching: RecordQuery(limit: 100_000))) ?? [] {
                byName[namer.name(of: record).lowercased(), default: []].append(record.id)
            }
            names[target] = byName
        }
        return names
    }

    /// `texts` in one form for comparing a row of the file with a record: defaults filled, decimal
    /// commas as points, blanks as absent.
    private func comparable(_ texts: [String: String?]) -> [String: String] {
        var result: [String: String] = [:]
        for (column, text) in kind.input.completed(texts) {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty, column != kind.nameColumn || !kind.generatesName
            else { continue }
            switch kind.form.field(for: column)?.rule {
            case .positive?, .euros?: result[column] = text.replacingOccurrences(of: ",", with: ".")
            default: result[column] = text
            }
        }
        return result.filter { kind.formColumns.contains($0.key) }
    }
}
