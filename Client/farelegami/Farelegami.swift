import ArgumentParser

/// The site client: a replica that works offline, synced with the merge server.
@main
struct Farelegami: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farelegami",
        abstract: "FareLegami Sync site client: an offline SQLite replica synced with the central merge server.",
        subcommands: [
            InitCommand.self, ConnectCommand.self, SyncCommand.self, DaemonCommand.self, StatusCommand.self, ConflictsCommand.self,
            ChangesCommand.self, SchemaCommand.self,
        ])
}
