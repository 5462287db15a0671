import SyncCore

extension ServerAPI {
    /// The replicas and their sites, and the times of writes after position `since`
    /// (`GET /v1/replicas`).
    func replicas(since: UInt64, limit: Int) throws(SyncError) -> ReplicaDirectory {
        try decode(ReplicaDirectory.self, from: send("GET", "/v1/replicas?since=\(since)&limit=\(limit)", body: []))
    }
}
