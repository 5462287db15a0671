import ReplicaStore
import SyncCore

/// What a field accepts, beyond the catalog's storage type: the checks an office applies to typed
/// text before it becomes a row (CLI options and CSV cells alike).
public enum FieldRule: Sendable, Equatable {
    /// Free text, at most 2,000 characters.
    case text
    /// One of the column's allowed values in the catalog.
    case choice
    /// One of `values` (an office convention for a free-text column, such as `sex`).
    case oneOf([String])
    /// A `YYYY-MM-DD` date.
    case date
    /// Euros typed as `12.50` or `12,50`, stored as integer cents; more than zero.
    case euros
    /// Integer cents (the stored form, as CSV files carry it); zero or more.
    case cents
    /// Integer cents more than zero: the stored form of `euros`.
    case positiveCents
    /// A whole number in `range`.
    case whole(ClosedRange<Int64>)
    /// A number more than zero and at most `maximum` (hours, quantities).
    case positive(maximum: Double)
    /// The id (or, for some tables, the code or name) of a row of `table`; checked against the replica.
    case reference(String)
    /// A site id: a short lower-case code such as `crema`.
    case site
    /// A row id: 1 to 200 bytes with no surrounding spaces.
    case id

    /// The value `text` gives for `table`.`column`, checked against this rule and the catalog.
    /// Empty or blank text is `.null`; whether that is allowed is the form's business.
    ///
    /// - Throws: `OfficeError.invalidField` naming `field` (by default the column) and saying what
    ///   is expected.
    public func value(
        of text: String, table: String, column: String, field: String? = nil, catalog: Catalog = .farelegami
    ) throws(OfficeError) -> FieldValue {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return .null }
        func refuse(_ reason: String) -> OfficeError {
            .invalidField(field: field ?? column, value: trimmed, reason: reason)
        }
        switch self {
        case .text:
            guard trimmed.count <= 2_000 else { throw refuse("is longer than 2,000 characters") }
            return .text(trimmed)
        case .choice:
            let allowed = catalog.table(named: table)?.column(named: column)?.allowed ?? []
            // Byte for byte, as the table's CHECK compares.
            guard allowed.contains(where: { $0.utf8.elementsEqual(trimmed.utf8) }) else { throw refuse("is not one of \(allowed.joined(separator: ", "))") }
            return .text(trimmed)
        case .oneOf(let values):
            guard values.contains(trimmed) else { throw refuse("is not one of \(values.joined(separator: ", "))") }
            return .text(trimmed)
        case .date:
            guard let date = ISODate(trimmed) else { throw refuse("is not a date YYYY-MM-DD (e.g. 2026-03-15)") }
            return .text(date.description)
        case .euros:
            guard let cents = Euros.cents(from: trimmed), cents > 0 else {
                throw refuse("is not an amount in euros like 12.50 (more than zero, no thousands separators)")
            }
            return .integer(cents)
        case .cents:
            guard let cents = Int64(trimmed), (0...Euros.maximumCents).contains(cents) else {
                throw refuse("is not a whole number of cents, zero or more")
            }
            return .integer(cents)
        case .positiveCents:
            guard let cents = Int64(trimmed), (1...Euros.maximumCents).contains(cents) else {
                throw refuse("is not a whole number of cents, more than zero")
            }
            return .integer(cents)
        case .whole(let range):
            guard let number = Int64(trimmed), range.contains(number) else {
                throw refuse("is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return .integer(number)
        case .positive(let maximum):
            guard let number = Double(trimmed.replacingOccurrences(of: ",", with: ".")), number.isFinite,
                number > 0, number <= maximum
            else { throw refuse("is not a number more than 0 and at most \(Self.plain(maximum))") }
            return .real(number)
        case .reference, .id:
            guard trimmed.utf8.count <= 200 else { throw refuse("is longer than 200 bytes") }
            return .text(trimmed)
        case .site:
            guard Replica.isValidSite(trimmed) else {
                throw refuse("is not a site id (lower-case letters, digits, '-' or '_', e.g. crema)")
            }
            return .text(trimmed)
        }
    }

    /// The same rule for a value given in its stored form (a CSV file): euros as cents more than zero;
    /// every other rule reads the stored form already.
    public var stored: FieldRule { self == .euros ? .positiveCents : self }

    private static func plain(_ number: Double) -> String {
        number == number.rounded() ? String(Int64(number)) : String(number)
    }
}
