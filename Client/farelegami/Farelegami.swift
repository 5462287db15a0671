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
            HouseholdCommand.self, PersonCommand.self, PactCommand.self, LabCommand.self, CivicCenterCommand.self,
            NeedCommand.self, VolunteerCommand.self, FundingCommand.self, BudgetCommand.self, ExpenseCommand.self,
            ListCommand.self, ShowCommand.self, EditCommand.self, DeleteCommand.self,
            CSVCommand.self, ReportCommand.self, SeedCommand.self, OfficeCommand.self,
        ])
}
