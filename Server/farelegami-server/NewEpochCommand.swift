import ArgumentParser
import MergeServer

struct NewEpochCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-epoch",
        abstract: "Give the store a new epoch: run it after restoring the store from a backup.",
        discussion: """
            Replicas compare the epoch with the one their sync cursor was taken under; a new epoch makes \
            each of them pull from the start and push all its rows again, so writes the backup missed return.
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let epoch = try await store.address().renewEpoch()
        print("the store at \(store.location) now has epoch \(epoch)")
    }
}
