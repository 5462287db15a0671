import ArgumentParser
import MergeServer

/// The store every command works on: `--db FILE` (SQLite) or `--store ADDRESS` (a SQLite file, or a
/// PostgreSQL database as `postgres://USER@HOST[:PORT]/DATABASE`; its password in `PGPASSWORD`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server store file (SQLite).", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The server store: a SQLite file, or postgres://USER@HOST[:PORT]/DATABASE (password in PGPASSWORD).",
            valueName: "address"))
    var store: String?

    func validate() throws {
        switch (db, store) {
        case (nil, nil): throw ValidationError("give the server store: --db FILE, or --store postgres://USER@HOST/DATABASE")
        case (.some, .some): throw ValidationError("give --db or --store, not both")
        default: break
        }
        _ = try address()
    }

    /// The store as given, for messages (a PostgreSQL address without its password).
    var location: String { (try? address().description) ?? "" }

    /// The option to name this store again in a suggested command.
    var option: String { db != nil ? "--db \(location)" : "--store \(location)" }

    /// Where the store is.
    func address() throws(ServerError) -> StoreAddress { try StoreAddress(db ?? store ?? "") }

    /// Opens the store.
    func open() async throws -> any AdministeredStore { try await address().open() }
}
