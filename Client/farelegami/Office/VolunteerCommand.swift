import ArgumentParser
import OfficeWork

struct VolunteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volunteer", abstract: "Log volunteers' hours.", subcommands: [Log.self])

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Log the hours a volunteer gave on a day.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The volunteer's code (no names).") var volunteer: String?
        @Option(help: "The partner's id or exact name.") var partner: String?
        @Option(help: "The day, YYYY-MM-DD.") var on: String?
        @Option(help: "Hours, more than 0 and at most 24 (2.5 or 2,5).") var hours: String?
        @Option(help: "What was done.") var activity: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = VolunteerHoursInput(
                volunteer: volunteer, partner: partner, doneOn: on, hours: hours, activity: activity)
            try output.show(try replica.office().logVolunteerHours(input))
        }
    }
}
