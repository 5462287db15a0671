import Foundation
import SQLiteDatabase
import SyncProtocol

/// The table of each replica's latest report of the rows it holds back from sync.
enum HeldBackSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS replica_held_back (
            replica_id TEXT NOT NULL PRIMARY KEY, total INTEGER NOT NULL, rows TEXT NOT NULL, reported_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}

extension SQLiteChangeStore {
    /// Creates the held-back table in a store made before it existed.
    static func prepareHeldBack(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the table of rows held back by replicas") {
            try connection.execute(HeldBackSchema.sql)
        }
    }

    public func recordHeldBack(_ report: HeldBackReport, replica: ReplicaID, site: AuthenticatedSite)
        throws(ServerError)
    {
        try ServerError.wrap("keeping the rows replica \(replica) holds back") {
            try connection.transaction {
                try requireReplica(replica, of: site)
                let rows = String(decoding: try JSONEncoder().encode(report.rows), as: UTF8.self)
                try connection.run(
                    "INSERT INTO replica_held_back (replica_id, total, rows, reported_at) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (replica_id) DO UPDATE SET total = excluded.total, rows = excluded.rows, "
                        + "reported_at = excluded.reported_at",
                    [.text(replica.rawValue), .integer(Int64(report.total)), .text(rows), .text(timestamp())])
            }
        }
    }
}

extension HeldBackReport {
    /// A report as `replica_held_back` keeps it: the total and the rows as JSON.
    static func stored(total: Int64, rows: String?) -> HeldBackReport {
        let listed = (try? JSONDecoder().decode([HeldBackRow].self, from: Data((rows ?? "[]").utf8))) ?? []
        return HeldBackReport(total: Int(total), rows: listed)
    }
}
