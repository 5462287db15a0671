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
                if let contest = conflict.deleteContest {
                    printDeleteContest(conflict, contest)
                    continue
                }
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
            abstract: "Resolve a conflict: keep one side, give a value, or keep or delete a contested row.",
            discussion: """
                The resolution is an ordinary write that follows every side: it reaches every replica at
                the next sync and the conflict closes everywhere. A row edited on one side and deleted on
                the other is deleted on every replica until resolved: --keep brings it back whole (every
                field as the editing side last saw it), --delete erases it.
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

        @Flag(name: .long, help: "For an edit against a delete: delete the row (its values are erased everywhere).")
        var delete = false

        @Flag(name: .long, help: "For an edit against a delete: keep the row, every field as the editing side last saw it.")
        var keep = false

        func validate() throws {
            let chosen = [take != nil, value != nil, null, delete, keep].filter { $0 }.count
            guard chosen == 1 else { throw ValidationError("give exactly one of --take, --value, --null, --keep or --delete") }
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
            } else if keep {
                resolution = .keepRow
            } else {
                resolution = .deleteRow
            }
            try replica.resolve(conflict: id, with: resolution)
            print("resolved conflict #\(id); it closes on every replica at their next sync")
        }
    }
}

extension ConflictsCommand.List {
    /// Prints an edit against a delete as one conflict: the row is deleted on every replica until
    /// resolved; who deleted, who edited, and what `--keep` would bring back.
    func printDeleteContest(_ conflict: OpenConflict, _ contest: DeleteContest) {
        print("#\(conflict.id) \(conflict.table) \(conflict.rowID): edited on one side, deleted on the other")
        print("    the row is deleted on every replica until resolved")
        for write in contest.deletes { print("    deleted by  \(write)") }
        for edit in contest.edits {
            let columns = edit.columns.isEmpty ? "re-inserted" : edit.columns.joined(separator: ", ")
            print("    edited by   \(edit.write)  (\(columns))")
        }
        if let values = contest.keptValues {
            let shown = values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.description)" }
            print("    --keep brings back: \(shown.joined(separator: ", "))")
        } else {
            print("    --keep: no copy of the row is held here yet (run 'farelegami sync' first)")
        }
        print("    resolve with: farelegami conflicts resolve \(conflict.id) --keep   (or --delete)")
    }
}
