import SyncCore

/// The rule each stored column follows, for data that arrives as stored values (CSV files): dates
/// as dates, amounts as cents, head-counts as whole numbers, enumerations as their allowed values.
public enum ColumnRules {
    /// The rule for `table`.`column` as stored (`amount_cents` in cents, not euros).
    public static func rule(for column: ColumnSpec, in table: String) -> FieldRule {
        if column.name == "site_id" { return .site }
        if let target = column.references { return .reference(target) }
        if column.allowed != nil { return .choice }
        if column.name.hasSuffix("_on") || column.name == "on_date" { return .date }
        if column.name == "amount_cents" { return .cents }
        switch (table, column.name) {
        case (_, "birth_year"): return .whole(1900...2199)
        case ("budget_line", "year"): return .whole(2000...2199)
        case ("volunteer_hours", "hours"): return .positive(maximum: 24)
        case ("pact_commitment", "quantity"): return .positive(maximum: 1_000_000)
        default: break
        }
        switch column.type {
        case .integer: return .whole(0...1_000_000)
        case .real: return .positive(maximum: 1_000_000)
        case .text: return .text
        }
    }
}
