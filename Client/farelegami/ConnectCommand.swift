import ArgumentParser
import SiteClient

struct ConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect", abstract: "Set (or change) the merge server a replica syncs with.")

    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var connection: ConnectOptions

    func run() throws {
        guard let settings = connection.settings else { throw ValidationError("give --server URL") }
        let replica = try replica.open()
        try settings.save(to: replica)
        print("\(replica.path) syncs with \(settings.serverURL)")
    }
}
