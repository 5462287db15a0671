import ArgumentParser

/// The `--db` option every command takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The server store file (SQLite).", valueName: "path"))
    var db: String
}
