import SyncCore

/// The fields a record command takes for one table: each column with its rule and whether it is
/// required. Validation is pure; references are only checked for shape here and resolved against
/// the replica when the record is written.
public struct RecordForm: Sendable {
    /// One field of the form.
    public struct Field: Sendable {
        /// The column the field fills.
        public let column: String
        /// The name errors use (the CLI option without dashes), e.g. `amount` for `amount_cents`.
        public let label: String
        /// What the field accepts.
        public let rule: FieldRule
        /// Whether the field must be given.
        public let required: Bool

        /// A field for `column` following `rule`, named `label` in errors (the column by default).
        public init(_ column: String, _ rule: FieldRule, required: Bool = false, label: String? = nil) {
            self.column = column
            self.label = label ?? column
            self.rule = rule
            self.required = required
        }
    }

    /// The table the form writes.
    public let table: String
    /// The fields in the order they are checked (the first bad one is reported).
    public let fields: [Field]

    /// A form for `table` with `fields`.
    public init(_ table: String, _ fields: [Field]) {
        self.table = table
        self.fields = fields
    }

    /// The values `texts` (keyed by column) gives, checked field by field; absent or blank optional
    /// fields are left out. `stored` reads each field in the form it is stored in (amounts in cents,
    /// as CSV files carry them, rather than euros; `FieldRule.stored`).
    ///
    /// - Throws: `OfficeError.missingField` or `.invalidField` for the first field at fault.
    public func values(
        from texts: [String: String?], stored: Bool = false, catalog: Catalog = .farelegami
    )
        throws(OfficeError) -> [String: FieldValue]
    {
        var values: [String: FieldValue] = [:]
        for field in fields {
            let text = texts[field.column].flatMap { $0 } ?? ""
            let rule = stored ? field.rule.stored : field.rule
            let value = try rule.value(
                of: text, table: table, column: field.column, field: field.label, catalog: catalog)
            if value == .null {
                if field.required { throw .missingField(field.label) }
                continue
            }
            values[field.column] = value
        }
        return values
    }

    /// The field whose errors are named `label`, if the form has one.
    public func field(labelled label: String) -> Field? { fields.first { $0.label == label } }

    /// The field filling `column`, if the form has one.
    public func field(for column: String) -> Field? { fields.first { $0.column == column } }
}
