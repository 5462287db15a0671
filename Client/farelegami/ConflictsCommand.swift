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
            let replica = try replica.open()
            let conflicts = try replica.describeOpenConflicts()
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
                let lines = ConflictText.lines(for: conflict, mayResolve: replica.mayResolve(conflict.conflict))
                print(lines.joined(separator: "\n"))
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

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Keep one side: its number as listed, the office that wrote it, or replica:counter.", valueName: "side"))
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
                resolution = .take(try takenSide(take, in: replica))
            } else if let value {
                resolution = .typedValue(value)
            } else if null {
                resolution = .value(.null)
            } else {
                resolution = .deleteRow
            }
            do {
                try replica.resolve(conflict: id, with: resolution)
            } catch .invalidResolution(let detail) {
                throw ConflictText.refuse("cannot resolve: \(detail)")
            }
            print("resolved conflict #\(id); it closes on every replica at their next sync")
        }
    }
}
