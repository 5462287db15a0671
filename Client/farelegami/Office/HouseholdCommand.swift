import ArgumentParser
import OfficeWork

struct HouseholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "household", abstract: "Register households and look them up.", subcommands: [Add.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a household under a new random pseudonym (e.g. CR-7Q2K).",
            discussion: "The code is random, never derived from a tax code. Add its members with 'person add'.")

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The municipality it lives in (e.g. Crema, Pandino).") var municipality: String?
        @Option(help: "Adults (18-64).") var adults: String?
        @Option(help: "Minors (default 0).") var minors: String?
        @Option(help: "Members aged 65 or more (default 0).") var over65: String?
        @Option(help: "The vulnerability, in a few words (no names).") var vulnerability: String?
        @Option(help: "Who referred it (social services, school, parish, ...).") var referralSource: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let input = HouseholdInput(
                municipality: municipality, adults: adults, minors: minors, over65: over65,
                vulnerability: vulnerability, referralSource: referralSource)
            try output.show(try replica.office().addHousehold(input))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a household, its people and (from this replica only) their identities.")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The household's id or code.") var household: String
        @OptionGroup var output: RecordOutput

        func run() throws {
            let record = try replica.office().household(household)
            if output.json { return print(try RecordOutput.json(record)) }
            print(record.summary)
            for person in record.related["person"] ?? [] {
                print("  \(person.summary)")
                for identity in person.related["person_identity"] ?? [] { print("    \(identity.summary)") }
            }
        }
    }
}
