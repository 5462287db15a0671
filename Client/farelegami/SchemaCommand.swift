import ArgumentParser
import Foundation
import ReplicaStore
import SiteClient
import SyncCore

/// `farelegami schema`: the replica's data model, its version, and moving to the server's.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "The replica's data model: its SQL, its version, moving to the server's.",
        subcommands: [SQL.self, Status.self, Upgrade.self], defaultSubcommand: SQL.self)

    /// `farelegami schema sql`.
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql", abstract: "Print the replica schema (protocol/schema.sql for the built-in version).")

        @Option(name: .long, help: ArgumentHelp("A replica file: print the schema of its version.", valueName: "path"))
        var db: String?

        func run() throws {
            let catalog = try db.map { try Replica(path: $0).catalog } ?? .farelegami
            print(ReplicaSchema.sql(for: catalog), terminator: "")
        }
    }

    /// `farelegami schema status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Say which schema version the replica is on, and the server's.")

        @OptionGroup var replica: ReplicaOptions

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let replica = try replica.open()
            let local = replica.catalog.schemaVersion
            var server: Int?
            var unreachable: String?
            do {
                server = try SyncSession(replica: replica).serverSchemaVersion()
            } catch {
                unreachable = error.description
            }
            if json {
                var report: [String: any Sendable] = ["replica": local, "tables": replica.catalog.tables.count]
                report["server"] = server
                report["serverError"] = unreachable
                let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("replica \(replica.path): schema version \(local), \(replica.catalog.tables.count) tables")
            switch server {
            case let server? where server > local:
                print("server: schema version \(server); the next sync moves this replica to it ('farelegami schema upgrade' does it now)")
            case let server?:
                print("server: schema version \(server); nothing to do")
            case nil:
                print("server: not reachable (\(unreachable ?? "")); the replica works on version \(local) meanwhile")
            }
        }
    }

    /// `farelegami schema upgrade`.
    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade", abstract: "Move the replica to the server's schema version now, without syncing.",
            discussion: """
                One transaction: new tables and columns are added, enumerations widened, every row and every \
                unsynced write kept. The next sync pulls what the new version adds. A sync does this by itself \
                unless run with --stay-on-schema. An office with no network moves with --catalog, from the file \
                the central office wrote with 'farelegami-server schema show --version N'; change-set files of \
                that version then import.
                """)

        @OptionGroup var replica: ReplicaOptions

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Move to the catalog in this file (from 'farelegami-server schema show') instead of asking the server.",
                valueName: "file"))
        var catalog: String?

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let file = try catalog.map(Self.readCatalog)
            let replica = try replica.openLocked()
            let from = replica.catalog.schemaVersion
            let change: CatalogChange?
            if let file {
                guard file.schemaVersion > from else {
                    throw CatalogFileRefused(
                        "\(catalog ?? "") holds schema version \(file.schemaVersion) and the replica is on version \(from): "
                            + "nothing to move to; the replica was not changed")
                }
                change = try SyncSession.move(replica, to: file, fromFile: true)
            } else {
                change = try SyncSession(replica: replica).upgradeSchemaNow()
            }
            if json {
                let report: [String: any Sendable] = [
                    "from": from, "to": change?.to ?? from, "changes": change?.lines ?? [],
                ]
                let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            guard let change else {
                print("replica \(replica.path) is already on the server's schema version \(from)")
                return
            }
            if file != nil { print("the next sync checks that this is the catalog the central office published") }
            print("replica \(replica.path) moved to schema version \(change.to) (from \(change.from)):")
            for line in change.lines { print("  - \(line)") }
            if change.needsRowsAgain { print("the next sync pulls what the new version adds") }
        }

        /// The catalog in `path`, checked; one line saying what is wrong otherwise.
        static func readCatalog(_ path: String) throws -> Catalog {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw CatalogFileRefused("cannot read \(path): no such file or not readable")
            }
            do {
                return try Catalog(json: bytes)
            } catch {
                throw CatalogFileRefused("\(path): \(error); the replica was not changed")
            }
        }
    }
}

/// A catalog file `schema upgrade --catalog` cannot move to, said in one line (no usage text: the
/// command was right).
struct CatalogFileRefused: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
