import SQLiteDatabase
import SyncProtocol

/// The tables that tell a replica from a copy of itself: the tag of every write each replica pushed
/// (`Cut`), and which replica took over from which when it found it was a copy.
enum LineageSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS replica_cuts (
            replica_id TEXT NOT NULL, counter INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (replica_id, counter)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS replica_forks (
            replica_id TEXT NOT NULL PRIMARY KEY, forked_from TEXT NOT NULL, forked_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}

extension SQLiteChangeStore {
    /// Creates the lineage tables in a store made before they existed.
    static func prepareLineage(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the table of replicas' writes") { try connection.execute(LineageSchema.sql) }
    }

    /// The highest counter of `replica`'s own writes the server holds (0: none).
    func acknowledgedCounter(of replica: ReplicaID) throws -> UInt64 {
        let found = try connection.query(
            "SELECT max(coalesce((SELECT max(counter) FROM dot_times WHERE replica_id = ?1), 0), "
                + "coalesce((SELECT max(counter) FROM replica_cuts WHERE replica_id = ?1), 0))",
            [.text(replica.rawValue)])
        return UInt64(found.first?[0].integer ?? 0)
    }

    /// Whether `replica`, saying it has written up to `counter` (nil: an older client that does not
    /// say) and naming `cuts`, is behind its own past: its counter is below `acknowledged` (the highest
    /// the server holds from it), or the server holds one of its counters with another tag.
    func isCopyBehindItsPast(_ replica: ReplicaID, counter: UInt64?, acknowledged: UInt64, cuts: [Cut]) throws -> Bool {
        if let counter, counter < acknowledged { return true }
        return try firstMismatchedCut(of: replica, in: cuts) != nil
    }

    /// The first of `cuts` the server holds from `replica` with another tag.
    func firstMismatchedCut(of replica: ReplicaID, in cuts: [Cut]) throws -> Cut? {
        for cut in cuts {
            let held = try connection.query(
                "SELECT tag FROM replica_cuts WHERE replica_id = ?1 AND counter = ?2",
                [.text(replica.rawValue), .integer(Int64(clamping: cut.counter))])
            if let tag = held.first?[0].text, tag != cut.tag { return cut }
        }
        return nil
    }

    /// Records the tags of `replica`'s writes a push named (inside the push's last transaction).
    func recordCuts(_ cuts: [Cut], of replica: ReplicaID) throws {
        for cut in cuts {
            try connection.run(
                "INSERT OR IGNORE INTO replica_cuts (replica_id, counter, tag) VALUES (?1, ?2, ?3)",
                [.text(replica.rawValue), .integer(Int64(clamping: cut.counter)), .text(cut.tag)])
        }
    }

    /// Records, at its first handshake, that `replica` took over from `previous`, a replica of the same
    /// site, and writes it in the audit log. A `previous` of another site or unknown is ignored (the
    /// new replica is registered as any other).
    func recordFork(of replica: ReplicaID, from previous: ReplicaID, site: AuthenticatedSite, at time: String) throws {
        guard try replicaSites([previous])[previous] == site.site else { return }
        try connection.run(
            "INSERT OR IGNORE INTO replica_forks (replica_id, forked_from, forked_at) VALUES (?1, ?2, ?3)",
            [.text(replica.rawValue), .text(previous.rawValue), .text(time)])
        guard connection.changes == 1 else { return }
        try recordAudit(
            site: site, replica: replica, action: "fork", tables: [:], rows: 0, changed: 0, forgotten: 0, opened: 0,
            closed: 0, at: time)
    }

    /// The replica `replica` took over from, and when, if it is a fork.
    func forkOrigin(of replica: String) throws -> (from: String, at: String)? {
        let found = try connection.query(
            "SELECT forked_from, forked_at FROM replica_forks WHERE replica_id = ?1", [.text(replica)])
        guard let row = found.first, let from = row[0].text, let at = row[1].text else { return nil }
        return (from, at)
    }
}
