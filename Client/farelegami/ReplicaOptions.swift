import ArgumentParser
import Foundation
import ReplicaStore
import SiteClient

/// The `--db` option every replica command takes.
struct ReplicaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica file.", valueName: "path"))
    var db: String

    /// Takes the replica's sync lock (`ReplicaLock`), held until the process exits, then opens it: a
    /// sync that holds the replica is named ("is using"), even while it is inside a write that keeps
    /// the file busy or closing it. An absent file gets no lock file (opening it says it is missing),
    /// nor does a file that is no replica.
    func openLocked() throws -> Replica {
        try Self.openLocked(path: db, open: open)
    }

    /// `openLocked()` for the replica at `path`, opened by `open`.
    static func openLocked(path: String, open: () throws -> Replica) throws -> Replica {
        guard FileManager.default.fileExists(atPath: path) else { return try open() }
        let lockPath = path + ".lock"
        let hadLockFile = FileManager.default.fileExists(atPath: lockPath)
        let lock = try ReplicaLock(databasePath: path)
        do {
            let replica = try open()
            lock.holdUntilExit()
            return replica
        } catch {
            // A file that is no replica keeps no lock file of ours beside it.
            if !hadLockFile { try? FileManager.default.removeItem(atPath: lockPath) }
            throw error
        }
    }

    /// Opens the replica, or fails with a one-line reason; says on stderr what opening mended.
    func open() throws -> Replica {
        let replica = try Replica(path: db)
        if let notice = replica.captureRepair?.notice { FileHandle.standardError.write(Data("\(notice)\n".utf8)) }
        return replica
    }
}
