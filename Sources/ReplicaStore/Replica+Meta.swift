import SQLiteDatabase

/// Keys of the replica's settings in `_fl_meta`.
public enum MetaKey {
    /// The replica id.
    public static let replicaID = "replica_id"
    /// The site the replica belongs to.
    public static let site = "site_id"
    /// The schema version the file follows (the version of `catalog`).
    public static let schemaVersion = "schema_version"
    /// The catalog the file follows, as protocol/catalog.json's JSON.
    public static let catalog = "catalog"
    /// The counter of the last dot this replica wrote.
    public static let counter = "counter"
    /// The local change sequence: bumped for every row whose state changes.
    public static let sequence = "sequence"
    /// When the replica was created (ISO-8601).
    public static let createdAt = "created_at"
    /// Every write of this replica up to this counter is acknowledged by the server.
    public static let acknowledgedCounter = "acked_counter"
    /// The replica id this replica had before it found it was a copy of itself, and took a new one.
    public static let forkedFrom = "forked_from"
    /// When that happened (ISO-8601).
    public static let forkedAt = "forked_at"
}

extension Replica {
    /// The setting stored under `key`, if any.
    public func meta(_ key: String) throws(ReplicaError) -> String? {
        try ReplicaError.wrap("reading setting \(key)") {
            try connection.query("SELECT value FROM _fl_meta WHERE key = ?", [.text(key)]).first?[0].text
        }
    }

    /// Stores `value` under `key` (nil removes it). Call inside a transaction to make it atomic with
    /// other writes.
    public func setMeta(_ key: String, _ value: String?) throws(ReplicaError) {
        try ReplicaError.wrap("saving setting \(key)") {
            if let value {
                try connection.run(
                    "INSERT INTO _fl_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)])
            } else {
                try connection.run("DELETE FROM _fl_meta WHERE key = ?", [.text(key)])
            }
        }
    }

    func metaNumber(_ key: String) throws -> UInt64 {
        try connection.query("SELECT value FROM _fl_meta WHERE key = ?", [.text(key)]).first?[0].text
            .flatMap(UInt64.init) ?? 0
    }

    func setMetaNumber(_ key: String, _ value: UInt64) throws {
        try connection.run(
            "INSERT INTO _fl_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [.text(key), .text(String(value))])
    }

    /// The local change sequence: every row state change gets the next number.
    public func currentSequence() throws(ReplicaError) -> UInt64 {
        try ReplicaError.wrap("reading the change sequence") { try metaNumber(MetaKey.sequence) }
    }
}
