import ArgumentParser

/// The central merge server: holds the merged state of every site's rows and syncs the replicas.
@main
struct FarelegamiServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farelegami-server",
        abstract: "FareLegami Sync merge server: merges the sites' replicas through one central store.",
        subcommands: [InitCommand.self, SiteCommand.self, ReplicaCommand.self, ServeCommand.self, NewEpochCommand.self, AuditCommand.self, MigrateStoreCommand.self,
            StatusCommand.self, SchemaCommand.self])
}
