import ArgumentParser
import ReplicaStore
import SiteClient

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new replica file bound to a site.")

    @Option(name: .long, help: ArgumentHelp("The replica file to create (must not exist).", valueName: "path"))
    var db: String

    @Option(name: .long, help: "The site this replica belongs to: crema, cremona, casalmaggiore or hq.")
    var site: String

    @OptionGroup var connection: ConnectOptions

    func run() throws {
        if let settings = connection.settings {
            try settings.validate()
        }
        let replica = try Replica.create(path: db, site: site)
        try connection.settings?.save(to: replica)
        let server = connection.server.map { ", syncing with \($0)" } ?? ""
        print("created replica \(replica.replicaID) for site \(replica.site) at \(db)\(server)")
    }
}
