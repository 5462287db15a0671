import ArgumentParser
import Foundation
import ReplicaStore
import SiteClient

/// The `--db` option every replica command takes.
struct ReplicaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica file.", valueName: "path"))
    var db: String

    /// Takes the replica's sync lock (`ReplicaLock`), then opens it: a sync that holds the replica
    /// is named ("is using"), even while it is inside a write that keeps the file busy. An absent file
    /// gets no lock file: opening it says it is missing.
    func openLocked() throws -> (replica: Replica, lock: ReplicaLock?) {
        let lock = FileManager.default.fileExists(atPath: db) ? try ReplicaLock(databasePath: db) : nil
        return (try open(), lock)
    }

    /// Opens the replica, or fails with a one-line reason; says on stderr what opening mended.
    func open() throws -> Replica {
        let replica = try Replica(path: db)
        if let notice = replica.captureRepair?.notice { FileHandle.standardError.write(Data("\(notice)\n".utf8)) }
        return replica
    }
}
