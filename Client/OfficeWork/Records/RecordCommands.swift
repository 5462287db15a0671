/// Which record command adds rows to which table, so that rows arriving another way (a CSV file)
/// are checked by the same code as that command's input (`RecordInput.validate(texts:stored:)`).
enum RecordCommands {
    /// The input of the command that adds a row to `table`; nil for tables no command adds to
    /// (`site`, `partner`, `staff`: their CSV cells follow the column rules alone).
    static func input(adding table: String) -> (any RecordInput.Type)? {
        switch table {
        case "household": HouseholdInput.self
        case "person": PersonInput.self
        case "person_identity": IdentityInput.self
        case "pact": PactInput.self
        case "pact_commitment": CommitmentInput.self
        case "pact_review": ReviewInput.self
        case "lab": LabInput.self
        case "lab_session": SessionInput.self
        case "civic_center": CivicCenterInput.self
        case "need_report": NeedInput.self
        case "volunteer_hours": VolunteerHoursInput.self
        case "funding": FundingInput.self
        case "budget_line": BudgetLineInput.self
        case "expense": ExpenseInput.self
        default: nil
        }
    }
}
