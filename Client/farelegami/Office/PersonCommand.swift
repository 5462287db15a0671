import ArgumentParser
import OfficeWork

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Add the members of a household.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person to a household.",
            discussion: """
                The person row is pseudonymised and syncs to this site and the central office. Name, tax
                code, phone and address go to person_identity, which never leaves this replica; give the
                date of consent with them.
                """)

        @OptionGroup var replica: ReplicaOptions
        @Option(help: "The household's id or code.") var household: String?
        @Option(help: "The relation to the household (e.g. genitore, figlio).") var relation: String?
        @Option(help: "The year of birth.") var birthYear: String?
        @Option(help: "F, M or X.") var sex: String?
        @Option(help: "Full name (local only).") var fullName: String?
        @Option(help: "Codice fiscale (local only).") var taxCode: String?
        @Option(help: "Phone (local only).") var phone: String?
        @Option(help: "Address (local only).") var address: String?
        @Option(help: "Date of consent, YYYY-MM-DD (required with any local field).") var consentOn: String?
        @OptionGroup var output: RecordOutput

        func run() throws {
            let person = PersonInput(household: household, relation: relation, birthYear: birthYear, sex: sex)
            let identity = IdentityInput(
                fullName: fullName, taxCode: taxCode, phone: phone, address: address, consentOn: consentOn)
            try output.show(try replica.office().addPerson(person, identity: identity))
        }
    }
}
