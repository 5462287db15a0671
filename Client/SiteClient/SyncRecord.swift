import Foundation
import ReplicaStore

/// The sync bookkeeping a replica keeps about its server: cursor, epoch, last outcome.
public enum SyncRecord {
    /// Keys in the replica's `_fl_meta`.
    public enum Key {
        /// The server sequence pulled through.
        public static let cursor = "cursor"
        /// The server's epoch at the last handshake.
        public static let epoch = "server_epoch"
        /// When the last sync succeeded (ISO-8601).
        public static let lastSuccess = "last_sync_at"
        /// The reason the last sync failed, cleared by a success.
        public static let lastError = "last_error"
        /// When the last failure happened (ISO-8601).
        public static let lastErrorAt = "last_error_at"
        /// Failures since the last success.
        public static let consecutiveFailures = "consecutive_failures"
        /// Set when the replica moved to its schema version with a catalog file (`schema upgrade
        /// --catalog`): the next sync checks the file held the catalog the server published.
        public static let catalogFromFile = "catalog_from_file"
    }

    static func recordSuccess(in replica: Replica, now: Date = Date()) throws(ReplicaError) {
        try replica.setMeta(Key.lastSuccess, ISO8601DateFormatter().string(from: now))
        try replica.setMeta(Key.lastError, nil)
        try replica.setMeta(Key.consecutiveFailures, "0")
    }

    static func recordFailure(_ error: SyncError, in replica: Replica, now: Date = Date()) throws(ReplicaError) {
        let failures = (try replica.meta(Key.consecutiveFailures).flatMap(Int.init) ?? 0) + 1
        try replica.setMeta(Key.lastError, error.description)
        try replica.setMeta(Key.lastErrorAt, ISO8601DateFormatter().string(from: now))
        try replica.setMeta(Key.consecutiveFailures, String(failures))
    }
}
