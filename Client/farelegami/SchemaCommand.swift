import ArgumentParser
import ReplicaStore
import SyncCore

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the replica schema (the SQL in protocol/schema.sql).")

    func run() {
        print(ReplicaSchema.sql(), terminator: "")
    }
}
