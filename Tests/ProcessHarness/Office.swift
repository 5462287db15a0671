import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncWire

/// One office's replica, driven through the real `farelegami` binary and written with plain SQL like
/// any application.
public struct Office {
    public let site: String
    public let path: String

    /// Creates the replica with `farelegami init`, bound to `serverURL` with the site's token file.
    public init(site: String, directory: TemporaryDirectory, serverURL: String, name: String? = nil, extra: [String] = []) throws {
        self.site = site
        self.path = directory.path("\(name ?? site).sqlite")
        let result = try runCommand(
            Binaries.client,
            ["init", "--db", path, "--site", site, "--server", serverURL, "--token-file", directory.path("\(site).token")]
                + extra)
        guard result.status == 0 else { throw HarnessFailure(message: result.stderr) }
    }

    /// The office whose replica is the file at `path` (made by another office's `copy`).
    init(site: String, path: String) {
        self.site = site
        self.path = path
    }

    public init(site: String, directory: TemporaryDirectory, server: ServerProcess, name: String? = nil) throws {
        try self.init(site: site, directory: directory, serverURL: server.url, name: name)
    }

    /// Runs `farelegami sync`; returns the result whatever its exit status.
    @discardableResult
    public func sync(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        try runCommand(Binaries.client, ["sync", "--db", path, "--json"] + extra, environment: environment)
    }

    /// Syncs and fails the test's setup if the sync fails.
    public func syncOrThrow(_ extra: [String] = []) throws {
        let result = try sync(extra)
        guard result.status == 0 else { throw HarnessFailure(message: "sync of \(site) failed: \(result.stderr)") }
    }

    /// Points the replica at another server URL.
    public func connect(_ url: String, tokenFile: String) throws {
        let result = try runCommand(Binaries.client, ["connect", "--db", path, "--server", url, "--token-file", tokenFile])
        guard result.status == 0 else { throw HarnessFailure(message: result.stderr) }
    }

    /// Runs SQL on the replica file as an application would.
    public func write(_ sql: String) throws {
        let connection = try Connection(path: path)
        try connection.execute(sql)
    }

    /// Every row of `table` matching `condition`, ordered by id.
    public func rows(_ table: String, where condition: String = "1") throws -> [[SQLValue]] {
        let connection = try Connection(path: path, readOnly: true)
        return try connection.query("SELECT * FROM \(table) WHERE \(condition) ORDER BY id")
    }

    /// The synced states of `table`'s rows in the file, by id, read as the replica reads them.
    public func states(_ table: String) throws -> [String: RowVersion] {
        let connection = try Connection(path: path, readOnly: true)
        var states: [String: RowVersion] = [:]
        for row in try connection.query("SELECT rid, state FROM _fl_row WHERE tbl = ?1", [.text(table)]) {
            let id = row[0].text ?? ""
            states[id] = try Array((row[1].text ?? "").utf8).withUnsafeBytes {
                try RowStateJSON.decode($0, table: table, id: id)
            }
        }
        return states
    }

    /// A single number from `sql`.
    public func number(_ sql: String) throws -> Int64 {
        let connection = try Connection(path: path, readOnly: true)
        return try connection.query(sql).first?.first?.integer ?? -1
    }

    /// `PRAGMA integrity_check` of the file: "ok" when sound.
    public func integrity() throws -> String {
        let connection = try Connection(path: path, readOnly: true)
        return try connection.query("PRAGMA integrity_check").first?.first?.text ?? "(no answer)"
    }

    /// The replica id.
    public func replicaID() throws -> String { try Replica(path: path).replicaID.rawValue }
}
