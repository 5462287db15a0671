import SyncCore

/// What a record command was given, as typed: the form it is checked with, the texts by column,
/// and any checks that involve several fields of it.
public protocol RecordInput: Sendable {
    /// The form that checks the input's fields.
    static var form: RecordForm { get }
    /// The typed texts by column (nil or blank: not given).
    var texts: [String: String?] { get }
    /// Checks across fields of the already validated `values` (e.g. an end date after the start).
    func check(_ values: [String: FieldValue]) throws(OfficeError)
}

extension RecordInput {
    /// No checks across fields, by default.
    public func check(_ values: [String: FieldValue]) throws(OfficeError) {}

    /// The input checked by `form` and `check`, as the values to store.
    ///
    /// - Throws: `OfficeError` naming the first field at fault.
    public func validated() throws(OfficeError) -> [String: FieldValue] {
        let values = try Self.form.values(from: texts)
        try check(values)
        return values
    }
}

extension [String: FieldValue] {
    /// The date in `column`, if it holds one.
    func date(_ column: String) -> ISODate? {
        if case .text(let text)? = self[column] { ISODate(text) } else { nil }
    }

    /// The whole number in `column` (0 when absent).
    func count(_ column: String) -> Int64 {
        if case .integer(let value)? = self[column] { value } else { 0 }
    }
}

/// Checks that the date in column `later` is not before the one in `earlier`, when both are given;
/// the error names the fields by their labels in `form`.
func requireOrder(
    _ values: [String: FieldValue], _ earlier: String, _ later: String, in form: RecordForm
)
    throws(OfficeError)
{
    if let start = values.date(earlier), let end = values.date(later), end < start {
        let label = { (column: String) in form.field(for: column)?.label ?? column }
        throw .invalidField(field: label(later), value: end.description, reason: "is before \(label(earlier)) \(start)")
    }
}
