import ArgumentParser
import OfficeWork

struct CivicCenterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civic-center", abstract: "Add Civic Centers (record their needs with 'need add').",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a civic center.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The name.") var name: String?
        @Option(help: "The host (a school, an oratory, ...).") var host: String?
        @Option(help: "The opening date, YYYY-MM-DD.") var openedOn: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            try output.show(
                try replica.office().addCivicCenter(CivicCenterInput(name: name, host: host, openedOn: openedOn)))
        }
    }
}
