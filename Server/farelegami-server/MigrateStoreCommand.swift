import ArgumentParser
import Foundation
import MergeServer

/// `farelegami-server migrate-store`: a deployment's SQLite store moved into PostgreSQL.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a SQLite server store into a new PostgreSQL store (stop the server first).",
        discussion: """
            Every table is copied as it is, the epoch and the server sequence too: replicas carry on from \
            their cursors, pulling and pushing nothing again. The copy is one transaction, kept only when \
            every table's row count matches the file's (printed); the file is not changed. Then serve \
            with --store ADDRESS and let every replica sync.
            """)

    @Option(help: ArgumentHelp("The SQLite store file to copy.", valueName: "path"))
    var from: String

    @Option(help: ArgumentHelp("The new store: postgres://USER@HOST[:PORT]/DATABASE (an empty database; password in PGPASSWORD).", valueName: "address"))
    var to: String

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        guard PostgresLocation.isAddress(to) else { throw ValidationError("--to must be a postgres:// address") }
    }

    func run() async throws {
        let location = try PostgresLocation(to)
        let json = json
        let copied = try await StoreMigrator.migrate(fromSQLite: from, to: location) { table in
            if !json { FileHandle.standardError.write(Data("copied \(table.table): \(table.target) rows\n".utf8)) }
        }
        if json {
            let tables = copied.map { #"{"table":"\#($0.table)","source":\#($0.source),"target":\#($0.target)}"# }
            print(#"{"from":"\#(from)","to":"\#(location)","tables":[\#(tables.joined(separator: ","))]}"#)
        } else {
            print("copied \(copied.reduce(0) { $0 + $1.target }) rows of \(copied.count) tables into \(location); counts match the file. "
                + "Serve it with 'farelegami-server serve --store \(location)' and let every replica sync.")
        }
    }
}
