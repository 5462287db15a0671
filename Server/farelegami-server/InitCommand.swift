import ArgumentParser
import MergeServer

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the server store (harmless when it already exists).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        if try await store.address().create() {
            print("created server store at \(store.location); add sites with 'farelegami-server site add SITE \(store.option)'")
        } else {
            print("server store at \(store.location) already exists; nothing changed")
        }
    }
}
