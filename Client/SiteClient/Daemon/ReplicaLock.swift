import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a replica for one sync or daemon process: `<db>.lock`, held with `flock`.
///
/// The kernel drops the lock when its process dies, so a lock left by a killed process is free again
/// at once (the stale file is reused, its pid overwritten).
public final class ReplicaLock {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock for the replica at `databasePath`, or fails at once if another process holds it.
    ///
    /// - Throws: `SyncError.locked` naming the other process, or `.invalidSetting` when the lock file
    ///   cannot be created.
    public init(databasePath: String) throws(SyncError) {
        path = databasePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .invalidSetting("cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .locked(path: databasePath, holder: holder.flatMap(Int32.init))
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Keeps the lock until the process exits, when the kernel drops it: after everything the process
    /// does to the file, the last checkpoint SQLite makes when it closes the file included. (Released
    /// at the end of a command instead, another sync could take the lock while that checkpoint still
    /// holds the file, and fail to open it.) For command-line processes, which hold one replica.
    public func holdUntilExit() {
        _ = Unmanaged.passRetained(self)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
