import SyncCore

/// What a record command was given, as typed: the form it is checked with, the texts by column,
/// the defaults of the fields not given, and any checks that involve several fields of it.
///
/// The checks are static so that rows arriving by other ways (a CSV file) are checked by the very
/// same code: `validate(texts:stored:)`.
public protocol RecordInput: Sendable {
    /// The form that checks the input's fields.
    static var form: RecordForm { get }
    /// The texts by column, as given (nil: not given; blank: given empty).
    var texts: [String: String?] { get }
    /// `texts` with every field that was not given (nil) set to its default, and typed text put in
    /// the form it is stored in (e.g. upper case); a field given empty stays empty.
    static func completed(_ texts: [String: String?]) -> [String: String?]
    /// Checks across fields of the already validated `values` (e.g. an end date after the start).
    static func check(_ values: [String: FieldValue]) throws(OfficeError)
    /// Checks the validated `values`, their references resolved to ids, against the rows they refer
    /// to, which `row(table, id)` reads from the replica (nil when it holds none): e.g. a review not
    /// before its pact was signed.
    ///
    /// - Throws: `OfficeError` naming the field at fault, or what `row` throws.
    static func check(
        _ values: [String: FieldValue], against row: (_ table: String, _ id: String) throws -> [String: FieldValue]?
    ) throws
}

extension RecordInput {
    /// No defaults, by default.
    public static func completed(_ texts: [String: String?]) -> [String: String?] { texts }

    /// No checks across fields, by default.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {}

    /// No checks against other rows, by default.
    public static func check(
        _ values: [String: FieldValue], against row: (_ table: String, _ id: String) throws -> [String: FieldValue]?
    ) throws {}

    /// The values to store for `texts` (by column; nil or absent: not given), checked exactly as the
    /// record command checks its input: defaults, each field by the form, then the checks across
    /// fields. `stored` reads amounts as the cents they are stored in (CSV files) rather than euros.
    ///
    /// - Throws: `OfficeError` naming the first field at fault.
    public static func validate(texts: [String: String?], stored: Bool = false, catalog: Catalog = .farelegami)
        throws(OfficeError) -> [String: FieldValue]
    {
        let values = try form.values(from: completed(texts), stored: stored, catalog: catalog)
        try check(values)
        return values
    }

    /// The input checked by `form` and `check`, as the values to store.
    ///
    /// - Throws: `OfficeError` naming the first field at fault.
    public func validated() throws(OfficeError) -> [String: FieldValue] {
        try Self.validate(texts: texts)
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

extension [String: String?] {
    /// The text of `column`, when it was given (nil when absent or not given).
    func given(_ column: String) -> String? { self[column] ?? nil }

    /// These texts with `column` set to `value` when it was not given (absent or nil).
    func defaulting(_ column: String, to value: String) -> Self {
        var texts = self
        if given(column) == nil { texts.updateValue(value, forKey: column) }
        return texts
    }

    /// These texts with `column` in upper case, when it was given.
    func uppercasing(_ column: String) -> Self {
        var texts = self
        if let text = given(column) { texts.updateValue(text.uppercased(), forKey: column) }
        return texts
    }
}
