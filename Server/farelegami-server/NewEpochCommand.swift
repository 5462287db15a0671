import ArgumentParser
import MergeServer

struct NewEpochCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-epoch",
        abstract: "Give the store a new epoch: run it after restoring the store from a backup.",
        discussion: """
            Replicas compare the epoch with the one their sync cursor was taken under; a new epoch makes \
            each of them pull from the start and push all its rows again, so writes the backup missed return.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let epoch = try SQLiteChangeStore.renewEpoch(path: store.db)
        print("the store at \(store.db) now has epoch \(epoch)")
    }
}
