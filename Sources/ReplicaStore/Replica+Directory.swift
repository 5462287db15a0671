import Foundation
import SQLiteDatabase
import SyncProtocol

extension Replica {
    /// Records what the server said of its replicas and of when it received writes
    /// (`GET /v1/replicas`), in one transaction. A dot this replica already has a time for keeps it
    /// (its own writes keep the time they were cut here).
    public func recordDirectory(_ directory: ReplicaDirectory) throws(ReplicaError) {
        try ReplicaError.wrap("saving the names of offices and times of writes") {
            try connection.transaction {
                let replica = try connection.prepare(
                    "INSERT INTO _fl_replica (replica_id, site_id, first_seen) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (replica_id) DO UPDATE SET site_id = excluded.site_id, first_seen = excluded.first_seen")
                for entry in directory.replicas {
                    try replica.bind([.text(entry.replica), .text(entry.site), .text(entry.firstSeen)]).run()
                }
                let time = try connection.prepare(
                    "INSERT OR IGNORE INTO _fl_dot_time (replica_id, counter, at) VALUES (?1, ?2, ?3)")
                for dot in directory.dotTimes {
                    try time.bind([.text(dot.replica), .integer(Int64(clamping: dot.counter)), .text(dot.receivedAt)]).run()
                }
            }
        }
    }

    /// The dots of the open conflicts' sides this replica cannot name by office and time yet
    /// (their replica's site or their time is unknown here), oldest conflict first: what to ask
    /// the server about (`GET /v1/replicas?dots=`).
    public func unnamedSideDots() throws(ReplicaError) -> [Dot] {
        var dots: [Dot] = []
        var seen = Set<Dot>()
        for conflict in try openConflicts() {
            for side in conflict.sides {
                let dot = Dot(replica: ReplicaID(side.replica), counter: side.counter)
                guard siteOf(dot.replica) == nil || timeOf(dot) == nil, seen.insert(dot).inserted else { continue }
                dots.append(dot)
            }
        }
        return dots
    }

    /// Records that this replica made its write `counter` now (inside the transaction that cuts it).
    func recordOwnDotTime(_ counter: UInt64) throws {
        try connection.run(
            "INSERT OR IGNORE INTO _fl_dot_time (replica_id, counter, at) VALUES (?1, ?2, ?3)",
            [.text(replicaID.rawValue), .integer(Int64(clamping: counter)), .text(Self.timestamp(Date()))])
    }

    /// The site of `replica`: this replica's own, or as the server last said; nil when unknown.
    func siteOf(_ replica: ReplicaID) -> String? {
        if replica == replicaID { return site }
        return (try? connection.query("SELECT site_id FROM _fl_replica WHERE replica_id = ?1", [.text(replica.rawValue)]))?
            .first?[0].text
    }

    /// When the write `dot` was made, if this replica knows.
    func timeOf(_ dot: Dot) -> Date? {
        let rows = try? connection.query(
            "SELECT at FROM _fl_dot_time WHERE replica_id = ?1 AND counter = ?2",
            [.text(dot.replica.rawValue), .integer(Int64(clamping: dot.counter))])
        return rows?.first?[0].text.flatMap(Self.date)
    }

    /// Times as the bookkeeping stores them: ISO-8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    static func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
