import ArgumentParser
import MergeServer

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the server store (harmless when it already exists).")

    @OptionGroup var store: StoreOptions

    func run() throws {
        if try SQLiteChangeStore.create(path: store.db) {
            print("created server store at \(store.db); add sites with 'farelegami-server site add SITE --db \(store.db)'")
        } else {
            print("server store at \(store.db) already exists; nothing changed")
        }
    }
}
