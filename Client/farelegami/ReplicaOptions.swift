import ArgumentParser
import Foundation
import ReplicaStore

/// The `--db` option every replica command takes.
struct ReplicaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica file.", valueName: "path"))
    var db: String

    /// Opens the replica, or fails with a one-line reason; says on stderr what opening mended.
    func open() throws -> Replica {
        let replica = try Replica(path: db)
        if let notice = replica.captureRepair?.notice { FileHandle.standardError.write(Data("\(notice)\n".utf8)) }
        return replica
    }
}
