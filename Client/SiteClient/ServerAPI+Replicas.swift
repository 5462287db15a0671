import SyncCore

extension ServerAPI {
    /// The replicas and their sites, and the times the server received `dots` (those it has)
    /// (`GET /v1/replicas?dots=`).
    func replicas(dots: [Dot]) throws(SyncError) -> ReplicaDirectory {
        let named = dots.map { "\($0.replica.rawValue):\($0.counter)" }.joined(separator: ",")
        return try decode(ReplicaDirectory.self, from: send("GET", "/v1/replicas?dots=\(named)", body: []))
    }
}
