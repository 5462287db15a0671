import ArgumentParser
import OfficeWork

struct ExpenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expense", abstract: "Record money spent.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an expense, optionally charged to a budget line of the same action and year.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "pacts, labs, civic_center, coordination or fundraising.") var action: String?
        @Option(help: "The budget line's id.") var budgetLine: String?
        @Option(help: "The amount in euros.") var amount: String?
        @Option(help: "The date, YYYY-MM-DD.") var on: String?
        @Option(help: "The invoice or receipt reference.") var document: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = ExpenseInput(
                action: action, budgetLine: budgetLine, amount: amount, spentOn: on, documentRef: document)
            try output.show(try replica.office().addExpense(input))
        }
    }
}
