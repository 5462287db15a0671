import ArgumentParser
import Foundation
import ReplicaStore
import SyncProtocol

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "List and resolve concurrent edits.", subcommands: [List.self, Resolve.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open conflicts.")

        @OptionGroup var replica: ReplicaOptions

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let conflicts = try replica.open().openConflicts()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(conflicts), as: UTF8.self))
                return
            }
            guard !conflicts.isEmpty else {
                print("no open conflicts")
                return
            }
            for conflict in conflicts {
                let what = conflict.rowDeleted ? " (row deleted on one side)" : ""
                print("#\(conflict.id) \(conflict.table) \(conflict.rowID) \(conflict.column)\(what)")
                for side in conflict.sides {
                    let mark = side == conflict.provisionalWinner ? "  <- shown until resolved" : ""
                    let value = side.isDelete ? "(deleted)" : side.value.description
                    print("    \(side.dotText)  \(value)\(mark)")
                }
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a conflict: keep one side, give a value, or keep a row deleted.",
            discussion: """
                The resolution is an ordinary write that follows every side: it reaches every replica at
                the next sync and the conflict closes everywhere.
                """)

        @OptionGroup var replica: ReplicaOptions

        @Argument(help: "The conflict id shown by 'conflicts list'.")
        var id: Int64

        @Option(name: .long, help: ArgumentHelp("Keep the side written by this dot, as listed.", valueName: "replica:counter"))
        var take: String?

        @Option(name: .long, help: ArgumentHelp("Write this value instead (text; numbers for numeric columns).", valueName: "value"))
        var value: String?

        @Flag(name: .long, help: "Write NULL instead.")
        var null = false

        @Flag(name: .long, help: "Keep the row deleted.")
        var delete = false

        func validate() throws {
            let chosen = [take != nil, value != nil, null, delete].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("give exactly one of --take, --value, --null or --delete") }
        }

        func run() throws {
            let replica = try replica.open()
            let resolution: Resolution
            if let take {
                let parts = take.split(separator: ":")
                guard parts.count == 2, let counter = UInt64(parts[1]) else {
                    throw ValidationError("--take expects replica:counter as listed, e.g. abcd1234:7")
                }
                resolution = .take(Dot(replica: ReplicaID(String(parts[0])), counter: counter))
            } else if let value {
                resolution = .typedValue(value)
            } else if null {
                resolution = .value(.null)
            } else {
                resolution = .deleteRow
            }
            try replica.resolve(conflict: id, with: resolution)
            print("resolved conflict #\(id); it closes on every replica at their next sync")
        }
    }
}
