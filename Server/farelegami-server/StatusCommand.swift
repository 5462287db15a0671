import ArgumentParser
import MergeServer

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every site's sync progress and the open conflicts, read from the store.",
        discussion: """
            Reads the store file directly: the server need not run (and may). For each site and replica: \
            the last push and pull, the server sequence pulled through and how far behind the latest \
            sequence it is; then the open conflicts by table. --json prints the document GET /v1/status \
            answers to the central office.
            """)

    @OptionGroup var store: StoreOptions

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func run() async throws {
        let report = try await store.open().status(for: .centralOffice)
        print(json ? report.json() : report.textTable())
    }
}
