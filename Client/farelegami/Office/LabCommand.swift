import ArgumentParser
import OfficeWork

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab", abstract: "Add Laboratori di Comunità and log their sessions.",
        subcommands: [Add.self, Session.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a lab.")

        @OptionGroup var replica: ReplicaOptions
        @Option(
            help: "conciliation, solidarity_purchasing, housing, town_centre, economic_hardship, loneliness or other.")
        var theme: String?
        @Option(help: "The title.") var title: String?
        @Option(help: "The area (municipality, neighbourhood).") var area: String?
        @Option(help: "The promoting partner's id or exact name.") var promoter: String?
        @Option(help: "planned, active (default) or closed.") var status: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = LabInput(theme: theme, title: title, area: area, promoter: promoter, status: status)
            try output.show(try replica.office().addLab(input))
        }
    }

    struct Session: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a lab session with its head-counts (minors and elderly are among the participants).")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The lab's id or exact title.") var lab: String
        @Option(help: "The date, YYYY-MM-DD.") var on: String?
        @Option(help: "Everyone who took part.") var participants: String?
        @Option(help: "Participants under 18 (default 0).") var minors: String?
        @Option(help: "Participants aged 65 or more (default 0).") var elderly: String?
        @Option(help: "Volunteers among the participants (default 0).") var volunteers: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = SessionInput(
                lab: lab, heldOn: on, participants: participants, minors: minors, elderly: elderly,
                volunteers: volunteers)
            try output.show(try replica.office().logSession(input))
        }
    }
}
