import SyncCore

extension Office {
    /// Logs a volunteer's hours.
    public func logVolunteerHours(_ input: VolunteerHoursInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records funding (the grant, co-financing pledged or realised, a donation).
    public func addFunding(_ input: FundingInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Adds a budget line.
    public func addBudgetLine(_ input: BudgetLineInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records an expense. When it is charged to a budget line, the line's action and year must match
    /// (`ExpenseInput.check(_:against:)`).
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func addExpense(_ input: ExpenseInput) throws(OfficeError) -> SavedRecord { try add(input) }
}
