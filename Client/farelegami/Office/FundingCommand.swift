import ArgumentParser
import OfficeWork

struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding", abstract: "Record money in: grant, co-financing, donations.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record funding (amounts in euros, e.g. 1500.00).")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "cariplo_grant, cofinancing_pledge, cofinancing_actual or donation.") var kind: String?
        @Option(help: "The partner's id or exact name (required for co-financing).") var partner: String?
        @Option(help: "The amount in euros: 12.50 or 12,50, no thousands separators.") var amount: String?
        @Option(help: "The date, YYYY-MM-DD.") var on: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            try output.show(
                try replica.office().addFunding(FundingInput(kind: kind, partner: partner, amount: amount, onDate: on)))
        }
    }
}
