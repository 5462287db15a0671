import SyncCore

extension Office {
    /// Logs a volunteer's hours.
    public func logVolunteerHours(_ input: VolunteerHoursInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records funding (the grant, co-financing pledged or realised, a donation).
    public func addFunding(_ input: FundingInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Adds a budget line.
    public func addBudgetLine(_ input: BudgetLineInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records an expense. When it is charged to a budget line, the line's action and year must match.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func addExpense(_ input: ExpenseInput) throws(OfficeError) -> SavedRecord {
        let values = try input.validated()
        return try write("recording an expense") { store in
            let values = try resolved(values, ExpenseInput.form, store)
            if case .text(let lineID)? = values["budget_line_id"], let line = try store.fetch("budget_line", id: lineID)
            {
                if line["action"] != values["action"] {
                    throw OfficeError.invalidField(
                        field: "action", value: values["action"]?.description ?? "",
                        reason: "differs from budget line \(lineID), which is for \(line["action"])")
                }
                if case .integer(let year) = line["year"], let spent = values.date("spent_on"), spent.year != year {
                    throw OfficeError.invalidField(
                        field: "on", value: spent.description, reason: "is outside budget line \(lineID)'s year \(year)"
                    )
                }
            }
            return try store.insert("expense", values)
        }
    }
}
