import ArgumentParser
import OfficeWork

struct PactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pact", abstract: "Open Patti Gener-Attivi, add commitments, record reviews.",
        subcommands: [Open.self, Commit.self, Review.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a pact between a household and a partner, with commitments on both sides.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The household's id or code.") var household: String?
        @Option(help: "inclusione or autonomia.") var kind: String?
        @Option(help: "The partner's id or exact name.") var partner: String?
        @Option(help: "The community maker's (staff) id or exact name.") var maker: String?
        @Option(help: "draft, active, suspended, closed or withdrawn (default: active if signed, else draft).")
        var status: String?
        @Option(help: "The signing date, YYYY-MM-DD.") var signedOn: String?
        @Option(help: "The planned end date, YYYY-MM-DD.") var endsOn: String?
        @Option(help: "The outcome so far.") var outcome: String?
        @Option(
            help: ArgumentHelp(
                "A commitment, repeatable, e.g. 'beneficiary:restitution:4 hours a month at the library'.",
                valueName: "party:kind:description"))
        var commitment: [String] = []
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = PactInput(
                household: household, kind: kind, partner: partner, maker: maker, status: status, signedOn: signedOn,
                endsOn: endsOn, outcome: outcome)
            let commitments = try commitment.map { try CommitmentInput(spec: $0) }
            try output.show(try replica.office().openPact(input, commitments: commitments))
        }
    }

    struct Commit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a commitment to a pact.")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The pact's id.") var pact: String
        @Option(help: "beneficiary, partner, volunteer or lab.") var party: String?
        @Option(help: "action, support or restitution.") var kind: String?
        @Option(help: "What is committed.") var description: String?
        @Option(help: "How much (more than zero).") var quantity: String?
        @Option(help: "The unit of the quantity (hours, meetings, ...).") var unit: String?
        @Option(help: "Due date, YYYY-MM-DD.") var dueOn: String?
        @Option(help: "open (default), in_progress, done or dropped.") var status: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = CommitmentInput(
                pact: pact, party: party, kind: kind, description: description, quantity: quantity, unit: unit,
                dueOn: dueOn, status: status)
            try output.show(try replica.office().addCommitment(input))
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a review of a pact; 'close' also closes the pact.")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The pact's id.") var pact: String
        @Option(help: "The review date, YYYY-MM-DD.") var on: String?
        @Option(help: "continue, modify or close.") var decision: String?
        @Option(help: "Notes (no names).") var notes: String?
        @Option(help: "The pact's outcome, written on the pact.") var outcome: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = ReviewInput(pact: pact, reviewedOn: on, decision: decision, notes: notes, outcome: outcome)
            try output.show(try replica.office().reviewPact(input))
        }
    }
}
