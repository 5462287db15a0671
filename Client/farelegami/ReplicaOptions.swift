import ArgumentParser
import ReplicaStore

/// The `--db` option every replica command takes.
struct ReplicaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica file.", valueName: "path"))
    var db: String

    /// Opens the replica, or fails with a one-line reason.
    func open() throws -> Replica { try Replica(path: db) }
}
