import SQLiteDatabase
import SyncProtocol

/// The table of replicas the central office retired (a computer that will never come back).
enum RetirementSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS replica_retirements (
            replica_id TEXT NOT NULL PRIMARY KEY, retired_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}

extension SQLiteChangeStore {
    /// Creates the retirements table in a store made before it existed.
    static func prepareRetirements(in connection: Connection) throws(ServerError) {
        try ServerError.wrap("preparing the table of retired replicas") { try connection.execute(RetirementSchema.sql) }
    }

    public func retire(replica: ReplicaID, by site: AuthenticatedSite) throws(ServerError) -> RetireReceipt {
        guard site.central else { throw .forbidden("only the central office (hq) retires replicas") }
        return try ServerError.wrap("retiring replica \(replica)") {
            try connection.transaction {
                guard let owner = try replicaSites([replica])[replica] else {
                    throw ServerError.unknownReplica(replica.rawValue)
                }
                let time = timestamp()
                try connection.run(
                    "INSERT OR IGNORE INTO replica_retirements (replica_id, retired_at) VALUES (?1, ?2)",
                    [.text(replica.rawValue), .text(time)])
                if connection.changes == 1 {
                    try recordAudit(
                        site: site, replica: replica,
                        action: "retire", tables: [:], rows: 0, changed: 0, forgotten: 0, opened: 0, closed: 0, at: time)
                }
                return RetireReceipt(replica: replica.rawValue, site: owner, retiredAt: try retiredAt(of: replica.rawValue) ?? time)
            }
        }
    }

    /// When `replica` was retired, if it was.
    func retiredAt(of replica: String) throws -> String? {
        try connection.query("SELECT retired_at FROM replica_retirements WHERE replica_id = ?1", [.text(replica)]).first?[0].text
    }
}
