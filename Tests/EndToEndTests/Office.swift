import Foundation
import ReplicaStore
import SQLiteDatabase

/// One office's replica in an end-to-end test, driven through the real `farelegami` binary and
/// written with plain SQL like any application.
struct Office {
    let site: String
    let path: String

    /// Creates the replica with `farelegami init`, bound to `server`.
    init(site: String, directory: TemporaryDirectory, server: ServerProcess) throws {
        self.site = site
        self.path = directory.path("\(site).sqlite")
        let result = try runCommand(
            Binaries.client,
            ["init", "--db", path, "--site", site, "--server", server.url, "--token-file", directory.path("\(site).token")])
        guard result.status == 0 else { throw OfficeFailure(message: result.stderr) }
    }

    /// Runs `farelegami sync`; returns the result whatever its exit status.
    @discardableResult
    func sync(_ extra: [String] = []) throws -> CommandResult {
        try runCommand(Binaries.client, ["sync", "--db", path, "--json"] + extra)
    }

    /// Syncs and fails the test's setup if the sync fails.
    func syncOrThrow() throws {
        let result = try sync()
        guard result.status == 0 else { throw OfficeFailure(message: "sync of \(site) failed: \(result.stderr)") }
    }

    /// Runs SQL on the replica file as an application would.
    func write(_ sql: String) throws {
        let connection = try Connection(path: path)
        try connection.execute(sql)
    }

    /// Every row of `table`, ordered by id, as text.
    func rows(_ table: String, where condition: String = "1") throws -> [[SQLValue]] {
        let connection = try Connection(path: path, readOnly: true)
        return try connection.query("SELECT * FROM \(table) WHERE \(condition) ORDER BY id")
    }

    /// A single number from `sql`.
    func number(_ sql: String) throws -> Int64 {
        let connection = try Connection(path: path, readOnly: true)
        return try connection.query(sql).first?.first?.integer ?? -1
    }
}

struct OfficeFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
