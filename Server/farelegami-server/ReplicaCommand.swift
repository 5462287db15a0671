import ArgumentParser
import Foundation
import MergeServer
import SyncProtocol

/// `farelegami-server replica`: the replicas that sync with this store.
struct ReplicaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replica", abstract: "Manage the replicas that sync with this store.", subcommands: [Retire.self])

    /// `farelegami-server replica retire ID`.
    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Retire a replica that will never come back (a computer replaced or lost).",
            discussion: """
                The status and the dashboard then list it as retired, no longer behind. If it ever syncs \
                again it takes a new identity by itself, as a restored copy does, and loses nothing.
                """)

        @Argument(help: "The replica id, as 'farelegami-server status' lists it.")
        var replica: String

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            let receipt = try await store.open().retire(replica: ReplicaID(replica), by: .centralOffice)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(receipt), as: UTF8.self))
            } else {
                print("replica \(receipt.replica) of site \(receipt.site) retired (\(receipt.retiredAt))")
            }
        }
    }
}
