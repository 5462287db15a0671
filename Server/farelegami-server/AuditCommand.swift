import ArgumentParser
import Foundation
import MergeServer

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit log: who pushed and pulled what (table names and counts only).")

    @OptionGroup var store: StoreOptions

    @Option(help: "Only entries after this id.")
    var since: Int64 = 0

    @Option(help: "At most this many entries.")
    var limit = 1_000

    @Flag(name: .long, help: "Print JSON for scripts (the body of GET /v1/audit).")
    var json = false

    func run() async throws {
        let page = try await store.open().auditEntries(since: since, limit: max(1, limit))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(page), as: UTF8.self))
            return
        }
        for entry in page.entries {
            let tables = entry.tables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            var line = "#\(entry.id) \(entry.at) \(entry.site)/\(entry.replica) \(entry.action) rows=\(entry.rows)"
            if !tables.isEmpty { line += " [\(tables)]" }
            if entry.action != "pull" { line += " changed=\(entry.changed)" }
            if entry.conflictsOpened > 0 { line += " conflicts-opened=\(entry.conflictsOpened)" }
            if entry.conflictsClosed > 0 { line += " conflicts-closed=\(entry.conflictsClosed)" }
            if entry.forgotten > 0 { line += " forgotten=\(entry.forgotten)" }
            if let note = entry.note { line += ": \(note)" }
            print(line)
        }
        if page.more { print("(more after #\(page.through): --since \(page.through))") }
    }
}
