import ArgumentParser
import Foundation
import ReplicaStore
import SyncCore
import SyncWire

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Carry changes between replicas as files (for sites with no network).",
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the replica's change set to a file.",
            discussion: """
                Without --since the file holds every row the replica knows, which any peer can import.
                With --for SITE, other sites' personal (site-class) rows are left out: use it when the
                file travels to another territorial office.
                """)

        @OptionGroup var replica: ReplicaOptions

        @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String

        @Option(name: .long, help: "Only changes after this local sequence (printed by earlier exports).")
        var since: UInt64 = 0

        @Option(name: .customLong("for"), help: "The site that will import the file.")
        var forSite: String?

        func run() throws {
            let replica = try replica.open()
            let changeSet = try replica.exportChangeSet(since: since, for: forSite)
            let bytes = ChangeSetCodec.encode(changeSet)
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            print("exported \(changeSet.rows.count) rows (sequence \(changeSet.since)..\(changeSet.through)) to \(out)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a change-set file into the replica (importing the same file twice changes nothing).")

        @OptionGroup var replica: ReplicaOptions

        @Argument(help: ArgumentHelp("The change-set file.", valueName: "file"))
        var file: String

        func run() throws {
            let replica = try replica.open()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file): no such file or not readable")
            }
            let summary = try replica.importChangeSet(Array(data))
            var line = "imported \(file): \(summary.received) rows received, \(summary.changed) changed"
            if summary.conflictsOpened > 0 { line += ", \(summary.conflictsOpened) new conflicts" }
            if summary.refused > 0 { line += ", \(summary.refused) rows of other sites' personal data skipped" }
            print(line)
        }
    }
}
