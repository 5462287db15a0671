import OfficeWork

/// A posted record form read the Italian way and written through the same code as the CLI's
/// record commands (`Office.add` / `Office.update`).
enum FormSubmission {
    /// The outcome: the row written, or the problems to show beside the fields (nothing written).
    enum Outcome {
        case saved(id: String)
        case refused(FieldProblems)
    }

    /// The texts the record forms read for the `posted` fields of `kind`: dates typed dd/mm/yyyy
    /// become `YYYY-MM-DD`, amounts typed `1.234,50` become `1234.50`; a date or amount that cannot
    /// be read is a problem beside its field.
    static func texts(_ kind: RecordKind, posted: [String: String], texts words: Texts) -> ([String: String?], FieldProblems) {
        var texts: [String: String?] = [:]
        var problems = FieldProblems()
        for field in kind.fields {
            let typed = (posted[field.column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !typed.isEmpty else {
                texts[field.column] = .some(nil)
                continue
            }
            switch field.rule {
            case .date:
                if let iso = ItalianFormat.parseDate(typed) { texts[field.column] = iso } else {
                    problems.byColumn[field.column] = words["ui_bad_date"]
                }
            case .euros:
                if let amount = ItalianFormat.parseEuros(typed) { texts[field.column] = amount } else {
                    problems.byColumn[field.column] = words["ui_bad_amount"]
                }
            default:
                texts[field.column] = typed
            }
        }
        return (texts, problems)
    }

    /// Adds (`id` nil) or corrects row `id` of `kind` from the `posted` form.
    static func submit(_ kind: RecordKind, id: String?, posted: [String: String], office: Office, texts words: Texts) -> Outcome {
        let kind = kind.bound(to: office.replica.catalog)
        let (texts, problems) = Self.texts(kind, posted: posted, texts: words)
        guard problems.isEmpty else { return .refused(problems) }
        do throws(OfficeError) {
            let record: SavedRecord
            if let id {
                record = try office.update(kind, id: id, texts: texts)
            } else {
                record = try office.add(kind, texts: texts)
            }
            return .saved(id: record.id)
        } catch {
            return .refused(FieldProblems(error, kind: kind, texts: words))
        }
    }
}
