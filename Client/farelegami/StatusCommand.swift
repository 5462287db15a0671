import ArgumentParser
import Foundation
import SiteClient

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show unpushed changes, the last sync and open conflicts.")

    @OptionGroup var replica: ReplicaOptions

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let status = try ReplicaStatus(of: replica.open())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        print("replica \(status.replica) of site \(status.site)")
        print("server:           \(status.server ?? "(none: run 'farelegami connect')")")
        print("unpushed changes: \(status.unpushed)")
        print("last sync:        \(status.lastSync ?? "never")")
        if let error = status.lastError {
            print("last error:       \(error) (\(status.consecutiveFailures) failures in a row)")
        }
        print("open conflicts:   \(status.openConflicts)")
        if let fork = status.forkDescription { print("new identity:     \(fork)") }
        if !status.heldBack.isEmpty {
            print("held back:        \(status.heldBack.count) rows are not synced until corrected (the rest syncs as usual):")
            for row in status.heldBack { print("  - \(row.description)") }
        }
    }
}
