import ArgumentParser
import Foundation
import OfficeWork

/// The record kind a generic record command works on, by table name.
struct KindArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "The kind of record: \(RecordKind.all.map(\.table).joined(separator: ", ")).", valueName: "kind"))
    var kind: String

    func validate() throws {
        guard RecordKind.named(kind) != nil else {
            throw ValidationError("'\(kind)' is not a kind of record: use one of \(RecordKind.all.map(\.table).joined(separator: ", "))")
        }
    }

    var recordKind: RecordKind { RecordKind.named(kind)! }
}

/// The record a command works on: its kind and its code, name or id.
struct RecordKey: ParsableArguments {
    @OptionGroup var kind: KindArgument

    @Argument(help: "The record: a household's code (any case), a pact's number in the office (3, or crema/3 at hq), a partner's or lab's name, or an id.")
    var key: String

    /// The record in `office`.
    func find(in office: Office) throws -> SavedRecord { try office.find(kind.recordKind, key) }
}

/// `farelegami list KIND`: the records of a kind, filtered.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the records of one kind, newest first, with optional filters.",
        discussion: "Example: farelegami list household --search Bianchi --db crema.sqlite (a person's real name finds their household).")

    @OptionGroup var kind: KindArgument
    @OptionGroup var replica: ReplicaOptions

    @Option(name: .long, help: "Words every listed record contains (code, name, text fields, a person's real name).")
    var search = ""

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Only records whose COLUMN is VALUE (repeatable).", valueName: "column=value"))
    var filter: [String] = []

    @Option(name: .long, help: ArgumentHelp("The earliest date of the kind's date column.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The latest date of the kind's date column.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(name: .long, help: "At most this many records.")
    var limit = 500

    @Flag(name: .long, help: "Print JSON, for scripts.")
    var json = false

    func run() throws {
        var query = RecordQuery(search: search, limit: limit)
        for pair in filter {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--filter must be column=value, not '\(pair)'") }
            query.equals[parts[0]] = parts[1]
        }
        for (text, name) in [(from, "--from"), (to, "--to")] {
            guard let text else { continue }
            guard let date = ISODate(text) else { throw ValidationError("\(name) '\(text)' is not a date YYYY-MM-DD") }
            if name == "--from" { query.from = date } else { query.to = date }
        }
        let records = try replica.office().records(kind.recordKind, matching: query)
        if json {
            print(try RecordOutput.json(records))
        } else {
            for record in records { print(record.summary) }
            FileHandle.standardError.write(Data("\(records.count) \(kind.kind) record(s)\n".utf8))
        }
    }
}

/// `farelegami show KIND KEY`: one record with the records that hang from it.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one record (by its code or name, or its id) with its related records.")

    @OptionGroup var record: RecordKey

    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: RecordOutput

    func run() throws {
        try output.show(try record.find(in: replica.office()), verb: "")
    }
}

/// `farelegami edit KIND KEY --set COLUMN=VALUE`: corrects fields of one record.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct fields of one record, checked as when it was added.",
        discussion: "Example: farelegami edit household CR-7Q2K --set municipality=Crema --db crema.sqlite")

    @OptionGroup var record: RecordKey

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("A field's new value, as typed on the add command (repeatable; empty clears it).", valueName: "column=value"))
    var set: [String] = []

    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: RecordOutput

    func validate() throws {
        guard !set.isEmpty else { throw ValidationError("give at least one --set column=value") }
    }

    func run() throws {
        let office = try replica.office()
        let kind = record.kind.recordKind
        let found = try record.find(in: office)
        var texts = kind.texts(of: found)
        for pair in set {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, kind.formColumns.contains(parts[0]) else {
                throw ValidationError(
                    "--set must be column=value with a column of \(kind.table): \(kind.formColumns.joined(separator: ", "))")
            }
            texts[parts[0]] = parts[1]
        }
        try output.show(try office.update(kind, id: found.id, texts: texts), verb: "corrected")
    }
}

/// `farelegami delete KIND KEY`: deletes one record no other record refers to.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete one record (a person's identity goes with the person); refused while other records refer to it.")

    @OptionGroup var record: RecordKey

    @OptionGroup var replica: ReplicaOptions

    @Flag(name: .long, help: "Print JSON, for scripts.")
    var json = false

    func run() throws {
        let office = try replica.office()
        let found = try record.find(in: office)
        try office.delete(record.kind.recordKind, id: found.id)
        if json {
            print(try RecordOutput.json(["deleted": found.id, "table": found.table]))
        } else {
            print("deleted \(found.summary)")
        }
    }
}
