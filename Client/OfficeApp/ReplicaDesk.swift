import Foundation
import OfficeWork
import ReplicaStore
import SiteClient

/// The office's replica as the app uses it: one connection, one request at a time (SQLite's
/// connection has one owner). Sync takes the replica's lock, shared with the daemon and `sync`.
actor ReplicaDesk {
    /// The office working on the replica.
    private let office: Office
    /// The replica file.
    nonisolated let path: String
    /// The replica's site.
    nonisolated let site: String

    /// Opens the replica at `path`.
    ///
    /// - Throws: `OfficeAppError.replica` when it is missing or not a replica.
    init(path: String) throws(OfficeAppError) {
        let office: Office
        do {
            office = try Office(path: path)
        } catch {
            throw .replica(error.description)  // already says which file and why
        }
        self.office = office
        self.path = path
        self.site = office.replica.site
        try OfficeAppError.wrap("preparing the app's tables") { _ = try ReadLog(connection: office.replica.connection) }
    }

    /// Runs `body` with the office, alone on the replica (following a schema version another process
    /// moved the file to, so the pages show its tables and fields).
    func run<T: Sendable>(_ body: @Sendable (Office) throws -> T) throws -> T {
        _ = try? office.replica.followCatalogChanges()
        return try body(office)
    }

    /// Syncs the replica with its server now, holding the replica's lock.
    ///
    /// - Throws: `SyncError` (`.locked` when the daemon or a `sync` is at it).
    func sync() throws -> SyncSummary {
        let lock = try ReplicaLock(databasePath: path)
        defer { withExtendedLifetime(lock) {} }
        let session = try SyncSession(replica: office.replica, options: TransportOptions())
        return try session.run()
    }
}
