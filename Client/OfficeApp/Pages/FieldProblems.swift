import OfficeWork

/// What went wrong with a form, in the office's language: problems beside the fields they concern,
/// or one for the whole form.
struct FieldProblems: Sendable {
    /// Problems by column.
    var byColumn: [String: String] = [:]
    /// A problem that concerns no single field.
    var form: String?

    var isEmpty: Bool { byColumn.isEmpty && form == nil }

    /// `error`, raised by the form of `kind`, said beside its field.
    init(_ error: OfficeError, kind: RecordKind, texts: Texts) {
        let fields = RecordForm(kind.table, kind.fields)
        let field = error.field.flatMap { fields.field(labelled: $0) ?? fields.field(for: $0) }
        guard let field else {
            if case .stillReferenced = error {
                form = texts["ui_still_referenced"]
            } else {
                form = "\(texts["ui_error"]): \(error.description)"
            }
            return
        }
        byColumn[field.column] = Self.message(error, field: field, kind: kind, texts: texts)
    }

    init() {}

    private static func message(_ error: OfficeError, field: RecordForm.Field, kind: RecordKind, texts: Texts) -> String {
        switch error {
        case .missingField:
            return texts["ui_required"]
        case .missingReference, .ambiguousReference:
            return texts["ui_bad_reference"]
        case .invalidField(_, _, let reason):
            if reason.contains("no members") { return texts["ui_no_members"] }
            if reason.contains("codice fiscale") { return texts["ui_bad_tax_code"] }
            if reason.contains("e-mail") { return texts["ui_bad_email"] }
            if reason.hasPrefix("is before ") {
                let other = reason.dropFirst("is before ".count).split(separator: " ").first.map(String.init) ?? ""
                let column = kind.form.field(labelled: other)?.column ?? other
                return "\(texts["ui_before"]) \(texts.column(kind.table, column).lowercased())"
            }
            switch field.rule {
            case .date: return texts["ui_bad_date"]
            case .euros, .cents, .positiveCents: return texts["ui_bad_amount"]
            case .whole(let range):
                return "\(texts["ui_bad_whole"]) \(range.lowerBound) \(texts["ui_and"]) \(range.upperBound)"
            case .positive: return texts["ui_bad_number"]
            case .choice, .oneOf: return texts["ui_bad_choice"]
            case .text: return texts["ui_too_long"]
            default: return reason
            }
        default:
            return error.description
        }
    }
}
