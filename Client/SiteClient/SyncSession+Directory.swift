import Logging
import ReplicaStore
import SyncCore

extension SyncSession {
    /// Pages of dot times fetched per sync at most: a replica far behind catches up over a few syncs.
    static let directoryPages = 20

    /// Fetches which office each replica belongs to and when the server received writes, and keeps
    /// them in the replica, so that conflicts name their sides by office and time. Runs after the
    /// data steps and never fails the sync: returns what went wrong, logged, or nil.
    func refreshDirectory() -> String? {
        do {
            for _ in 0..<Self.directoryPages {
                let since = try replicaCall { try replica.directoryCursor() }
                let directory = try api.replicas(since: since, limit: 5_000)
                try replicaCall { try replica.recordDirectory(directory) }
                guard directory.more else { break }
            }
            return nil
        } catch {
            let problem = "could not fetch the names of offices and times of writes (\(error)); the data synced all the same"
            Logger(label: "farelegami.sync").warning("\(problem)")
            return problem
        }
    }
}
