import SyncCore

/// A line of the budget: the amount planned for an action in a year.
public struct BudgetLineInput: RecordInput {
    /// `pacts`, `labs`, `civic_center`, `coordination` or `fundraising`.
    public var action: String?
    /// The year.
    public var year: String?
    /// The amount in euros.
    public var amount: String?

    /// `amount` euros for `action` in `year`.
    public init(action: String?, year: String?, amount: String?) {
        self.action = action
        self.year = year
        self.amount = amount
    }

    /// Every field required.
    public static let form = RecordForm(
        "budget_line",
        [
            .init("action", .choice, required: true), .init("year", .whole(2000...2199), required: true),
            .init("amount_cents", .euros, required: true, label: "amount"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] { ["action": action, "year": year, "amount_cents": amount] }
}
