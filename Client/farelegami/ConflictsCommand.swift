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
                if let contest = conflict.conflict.deleteContest {
                    printDeleteContest(conflict, contest, replica: replica)
                    continue
                }
                let lines = ConflictText.lines(for: conflict, mayResolve: replica.mayResolve(conflict.conflict))
                print(lines.joined(separator: "\n"))
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

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Keep one side: its number as listed, the office that wrote it, or replica:counter.", valueName: "side"))
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
                resolution = .take(try takenSide(take, in: replica))
            } else if let value {
                resolution = .typedValue(value)
            } else if null {
                resolution = .value(.null)
            } else if keep {
                resolution = .keepRow
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

extension ConflictsCommand.List {
    /// Prints an edit against a delete as one conflict: the row is deleted on every replica until
    /// resolved; who deleted, who edited, and what `--keep` would bring back.
    func printDeleteContest(_ description: ConflictDescription, _ contest: DeleteContest, replica: Replica) {
        let conflict = description.conflict
        func label(_ write: String) -> String {
            replica.sideLabel(ofWrite: write, table: conflict.table, id: conflict.rowID).text()
        }
        print("#\(conflict.id) \(conflict.table) \"\(description.rowName)\": edited on one side, deleted on the other")
        print("    the row is deleted on every replica until resolved")
        for write in contest.deletes { print("    deleted by \(label(write))") }
        for edit in contest.edits {
            let columns = edit.columns.isEmpty ? "re-inserted" : edit.columns.joined(separator: ", ")
            print("    edited by  \(label(edit.write)) (\(columns))")
        }
        if let values = contest.keptValues {
            let shown = values.filter { $0.value != .null }.sorted { $0.key < $1.key }
                .map { "\($0.key == "site_id" ? "site" : $0.key) \($0.value.description)" }
            print("    --keep brings back: \(shown.joined(separator: ", "))")
        } else {
            print("    --keep: no copy of the row is held here yet (run 'farelegami sync' first)")
        }
        if replica.mayResolve(conflict) {
            print("    resolve: farelegami conflicts resolve \(conflict.id) --keep (or --delete)")
        } else {
            print("    only the central office resolves it")
        }
    }
}
