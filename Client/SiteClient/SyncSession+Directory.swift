import Logging
import ReplicaStore
import SyncCore

extension SyncSession {
    /// Dots asked for per request (the server's limit).
    static let dotsPerRequest = 200

    /// Fetches which office each replica belongs to and when the server received the writes of
    /// the open conflicts' sides this replica cannot name yet, and keeps them in the replica, so
    /// that conflicts name their sides by office and time. Asks nothing when every side is named.
    /// Runs after the data steps and never fails the sync: returns what went wrong, logged, or nil.
    func refreshDirectory() -> String? {
        do {
            let unnamed = try replicaCall { try replica.unnamedSideDots() }
            for start in stride(from: 0, to: unnamed.count, by: Self.dotsPerRequest) {
                let dots = Array(unnamed[start..<min(start + Self.dotsPerRequest, unnamed.count)])
                let directory = try api.replicas(dots: dots)
                try replicaCall { try replica.recordDirectory(directory) }
            }
            return nil
        } catch {
            let problem = "could not fetch the names of offices and times of writes (\(error)); the data synced all the same"
            Logger(label: "farelegami.sync").warning("\(problem)")
            return problem
        }
    }
}
