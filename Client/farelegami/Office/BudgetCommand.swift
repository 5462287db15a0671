import ArgumentParser
import OfficeWork

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget", abstract: "Plan the budget by action and year.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a budget line.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "pacts, labs, civic_center, coordination or fundraising.") var action: String?
        @Option(help: "The year.") var year: String?
        @Option(help: "The amount in euros.") var amount: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            try output.show(
                try replica.office().addBudgetLine(BudgetLineInput(action: action, year: year, amount: amount)))
        }
    }
}
