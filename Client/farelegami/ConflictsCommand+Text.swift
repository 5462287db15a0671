import ArgumentParser
import Foundation
import ReplicaStore

/// How `conflicts list` shows conflicts to a person, and how `conflicts resolve` refuses.
enum ConflictText {
    /// The lines of one conflict: the row by name and column, its other fields, each numbered side
    /// by office and time with its value, and how to resolve it (or who may).
    static func lines(for description: ConflictDescription, mayResolve: Bool, now: Date = Date()) -> [String] {
        let conflict = description.conflict
        let deleted = conflict.rowDeleted ? " (row deleted on one side)" : ""
        var lines = ["#\(conflict.id) \(conflict.table) \"\(description.rowName)\": \(description.columnText)\(deleted)"]
        if !description.fields.isEmpty {
            lines.append("    " + description.fields.map { "\($0.column) \($0.value)" }.joined(separator: ", "))
        }
        for side in description.sides {
            let value = side.side.isDelete ? "(deleted the row)" : side.side.value.description
            let mark = side.isShown ? "   <- shown until resolved" : ""
            lines.append("    \(side.number). \(side.label.text(now: now)): \(value)\(mark)")
        }
        if mayResolve {
            let example = description.sides.first { side in
                side.label.site.map { site in description.sides.filter { $0.label.site == site }.count == 1 } ?? false
            }
            let take = example?.label.site.map { "--take \($0)" } ?? "--take 1"
            lines.append(
                "    resolve: farelegami conflicts resolve \(conflict.id) \(take) (or --take N, --value TEXT)")
        } else {
            lines.append("    only the central office resolves it")
        }
        return lines
    }

    /// Prints `message` as one line on standard error and returns the exit code of usage errors.
    static func refuse(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        return ExitCode.validationFailure
    }
}
