import SyncCore

/// Money spent on an action, optionally charged to a budget line of the same action and year.
public struct ExpenseInput: RecordInput {
    /// `pacts`, `labs`, `civic_center`, `coordination` or `fundraising`.
    public var action: String?
    /// The budget line's id.
    public var budgetLine: String?
    /// The amount in euros.
    public var amount: String?
    /// The date.
    public var spentOn: String?
    /// The invoice or receipt reference.
    public var documentRef: String?

    /// `amount` euros spent on `action` on `spentOn`.
    public init(
        action: String?, budgetLine: String? = nil, amount: String?, spentOn: String?, documentRef: String? = nil
    ) {
        self.action = action
        self.budgetLine = budgetLine
        self.amount = amount
        self.spentOn = spentOn
        self.documentRef = documentRef
    }

    /// Action, amount and date required.
    public static let form = RecordForm(
        "expense",
        [
            .init("action", .choice, required: true),
            .init("budget_line_id", .reference("budget_line"), label: "budget-line"),
            .init("amount_cents", .euros, required: true, label: "amount"),
            .init("spent_on", .date, required: true, label: "on"), .init("document_ref", .text, label: "document"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "action": action, "budget_line_id": budgetLine, "amount_cents": amount, "spent_on": spentOn,
            "document_ref": documentRef,
        ]
    }

    /// An expense charged to a budget line is for the line's action and falls in its year.
    public static func check(
        _ values: [String: FieldValue], against row: (_ table: String, _ id: String) throws -> [String: FieldValue]?
    ) throws {
        guard case .text(let lineID)? = values["budget_line_id"], let line = try row("budget_line", lineID) else { return }
        if line["action"] != values["action"] {
            throw OfficeError.invalidField(
                field: "action", value: values["action"]?.description ?? "",
                reason: "differs from budget line \(lineID), which is for \(line["action"] ?? .null)")
        }
        if case .integer(let year)? = line["year"], let spent = values.date("spent_on"), spent.year != year {
            throw OfficeError.invalidField(
                field: "on", value: spent.description, reason: "is outside budget line \(lineID)'s year \(year)")
        }
    }
}
