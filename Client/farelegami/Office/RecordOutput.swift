import ArgumentParser
import Foundation
import OfficeWork

/// The `--json` flag of the record commands, and how they print what they wrote.
struct RecordOutput: ParsableArguments {
    @Flag(name: .long, help: "Print the row written as JSON, for scripts.")
    var json = false

    /// Prints `record`: one summary line, or JSON with `--json`.
    func show(_ record: SavedRecord, verb: String = "created") throws {
        if json {
            print(try Self.json(record))
        } else {
            print(verb.isEmpty ? record.summary : "\(verb) \(record.summary)")
            for (_, rows) in record.related.sorted(by: { $0.key < $1.key }) {
                for row in rows { print("  \(row.summary)") }
            }
        }
    }

    /// Pretty-printed JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension ReplicaOptions {
    /// The office work on the replica at `--db`.
    func office() throws -> Office { Office(replica: try open()) }
}
