import ArgumentParser
import OfficeWork

struct NeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need", abstract: "Record the needs collected at Civic Centers and their answers.",
        subcommands: [Add.self, Answer.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a need (segnalazione).")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The civic center's id or exact name.") var center: String?
        @Option(help: "The date it was reported, YYYY-MM-DD.") var on: String?
        @Option(help: "housing, work, care, isolation, economic, education or other.") var category: String?
        @Option(help: "low, medium or high.") var urgency: String?
        @Option(help: "new (default), triaged, in_progress, answered, referred or closed.") var status: String?
        @Option(help: "What was reported (no names).") var description: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = NeedInput(
                center: center, reportedOn: on, category: category, urgency: urgency, status: status,
                description: description)
            try output.show(try replica.office().addNeed(input))
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the response to a need.")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The need's id.") var need: String
        @Option(help: "The date it was answered, YYYY-MM-DD.") var on: String?
        @Option(help: "What was done.") var response: String?
        @Option(help: "answered (default), referred or closed.") var status: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = AnswerInput(need: need, answeredOn: on, response: response, status: status)
            try output.show(try replica.office().answerNeed(input), verb: "answered")
        }
    }
}
