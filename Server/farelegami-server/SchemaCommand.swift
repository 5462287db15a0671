import ArgumentParser
import Foundation
import MergeServer
import SyncCore

/// `farelegami-server schema`: the catalog versions the central office publishes.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Publish a new version of the data model and see who is on which.",
        subcommands: [Publish.self, List.self, Show.self])

    /// `farelegami-server schema publish FILE`.
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish a new catalog version (protocol/catalog.json's form) to every replica.",
            discussion: """
                The file is checked against the current version: tables and columns may be added, \
                enumerations widened, columns retired, and a retired column dropped once no replica still \
                uses it. Anything else is refused with the reasons, and nothing is stored. Replicas receive \
                the new version at their next sync and move to it by themselves; a running server follows \
                it at its next request. See protocol/SYNC.md, "Schema versions".
                """)

        @Argument(help: "The catalog file (JSON).")
        var file: String

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Check the file and say what would change, storing nothing.")
        var dryRun = false

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw CatalogFileProblem(message: "cannot read \(file): no such file, or not readable; nothing was published")
            }
            let catalog: Catalog
            do {
                catalog = try Catalog(json: bytes)
            } catch {
                throw CatalogFileProblem(message: "\(file): \(error); nothing was published")
            }
            let opened = try await store.open()
            let change: CatalogChange
            if dryRun {
                let current = try await opened.catalogVersions().current
                do {
                    change = try CatalogChange.between(current, catalog)
                } catch {
                    throw CatalogFileProblem(message: "\(file): \(error)")
                }
            } else {
                change = try await opened.publishCatalog(catalog)
            }
            if json {
                let report: [String: any Sendable] = [
                    "from": change.from, "to": change.to, "published": !dryRun, "changes": change.lines,
                ]
                let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("\(dryRun ? "would publish" : "published") schema version \(change.to) (after \(change.from)):")
            for line in change.lines { print("  - \(line)") }
            if change.lines.isEmpty { print("  - no change but the version number") }
            if !dryRun { print("replicas move to it at their next sync; 'farelegami-server schema list' shows who is on which") }
        }
    }

    /// `farelegami-server schema list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the published versions and the replicas on each.")

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            let opened = try await store.open()
            let versions = try await opened.catalogVersions()
            let status = try await opened.status(for: .centralOffice)
            var onVersion: [Int: [String]] = [:]
            for site in status.sites {
                for replica in site.replicas where replica.retiredAt == nil {
                    onVersion[replica.schemaVersion ?? 1, default: []].append("\(replica.replica) (\(site.site))")
                }
            }
            let numbers = versions.byVersion.keys.sorted()
            if json {
                let report = numbers.map { version -> [String: any Sendable] in
                    ["version": version, "current": version == versions.current.schemaVersion,
                     "tables": versions.byVersion[version]?.tables.count ?? 0, "replicas": onVersion[version] ?? []]
                }
                let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            for version in numbers {
                let replicas = onVersion[version] ?? []
                let marker = version == versions.current.schemaVersion ? " (current)" : ""
                print("version \(version)\(marker): \(versions.byVersion[version]?.tables.count ?? 0) tables, "
                    + (replicas.isEmpty ? "no replica" : "\(replicas.count) replica(s): \(replicas.joined(separator: ", "))"))
            }
        }
    }
}

extension SchemaCommand {
    /// `farelegami-server schema show [--version N]`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print a published catalog version as a file (the current one by default).",
            discussion: """
                For an office with no network: write it to a file, carry it there, and move the replica with \
                'farelegami schema upgrade --db FILE --catalog CATALOG'. Replicas that sync receive it by themselves.
                """)

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "The version to print (default: the current one).")
        var version: Int?

        func run() async throws {
            let versions = try await store.open().catalogVersions()
            let number = version ?? versions.current.schemaVersion
            guard let catalog = versions.byVersion[number] else {
                let published = versions.byVersion.keys.sorted().map(String.init).joined(separator: ", ")
                throw CatalogFileProblem(message: "version \(number) was never published (published: \(published))")
            }
            print(String(decoding: catalog.document.encoded(), as: UTF8.self))
        }
    }
}

/// A catalog file that cannot be published, said in one line (no usage text: the command was right).
struct CatalogFileProblem: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
