import SQLiteDatabase
import SyncCore
import SyncProtocol

/// The table of when the server received writes: one row per distinct (origin replica, counter)
/// of a push, usually one per push batch. `seq` is the position `GET /v1/replicas?since=` pages by.
enum DotTimeSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS dot_times (
            seq INTEGER PRIMARY KEY, replica_id TEXT NOT NULL, counter INTEGER NOT NULL, received_at TEXT NOT NULL,
            UNIQUE (replica_id, counter)
        );
        """
}

extension SQLiteChangeStore {
    /// The times of those of `dots` the server has, in the order asked.
    private func dotTimes(of dots: [Dot]) throws -> [ReplicaDirectory.DotTime] {
        try dots.compactMap { dot in
            let rows = try connection.query(
                "SELECT received_at FROM dot_times WHERE replica_id = ?1 AND counter = ?2",
                [.text(dot.replica.rawValue), .integer(Int64(clamping: dot.counter))])
            guard let at = rows.first?[0].text else { return nil }
            return ReplicaDirectory.DotTime(replica: dot.replica.rawValue, counter: dot.counter, receivedAt: at)
        }
    }

    /// Creates the dot-time table in a store made before it existed.
    static func prepareDotTimes(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the times of writes") { try connection.execute(DotTimeSchema.sql) }
    }

    /// Records that the writes `counters` of `origin` reached the server at `time` (inside the push's
    /// last transaction); a dot already recorded keeps its first time.
    func recordDotTimes(origin: ReplicaID, counters: [UInt64], at time: String) throws {
        for counter in counters where counter > 0 {
            try connection.run(
                "INSERT OR IGNORE INTO dot_times (replica_id, counter, received_at) VALUES (?1, ?2, ?3)",
                [.text(origin.rawValue), .integer(Int64(clamping: counter)), .text(time)])
        }
    }

    public func replicaDirectory(since: UInt64, limit: Int, dots: [Dot]?, for site: AuthenticatedSite)
        throws(ServerError) -> ReplicaDirectory
    {
        try ServerError.wrap("reading the replicas and times of writes") {
            try connection.transaction {
                let replicas = try connection.query("SELECT replica_id, site_id, first_seen FROM replicas ORDER BY first_seen, replica_id")
                    .compactMap { row -> ReplicaDirectory.Entry? in
                        guard let id = row[0].text, let site = row[1].text else { return nil }
                        return ReplicaDirectory.Entry(replica: id, site: site, firstSeen: row[2].text ?? "")
                    }
                if let dots {
                    return ReplicaDirectory(replicas: replicas, dotTimes: try dotTimes(of: dots), through: since, more: false)
                }
                // A cursor past the end is one of a store restored from an older backup: start again.
                let last = UInt64(try connection.query("SELECT coalesce(max(seq), 0) FROM dot_times")[0][0].integer ?? 0)
                let after = since > last ? 0 : since
                let rows = try connection.query(
                    "SELECT seq, replica_id, counter, received_at FROM dot_times WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                    [.integer(Int64(clamping: after)), .integer(Int64(limit))])
                let times = rows.compactMap { row -> ReplicaDirectory.DotTime? in
                    guard let replica = row[1].text, let counter = row[2].integer, let at = row[3].text else { return nil }
                    return ReplicaDirectory.DotTime(replica: replica, counter: UInt64(counter), receivedAt: at)
                }
                let through = rows.last?[0].integer.map(UInt64.init) ?? after
                return ReplicaDirectory(replicas: replicas, dotTimes: times, through: through, more: rows.count == limit)
            }
        }
    }
}
