import Foundation
import OfficeWork
import ReplicaStore
import SQLiteDatabase
import Testing

/// Runs `body` with a fresh directory of its own (on /dev/shm when there is one), removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let ramDisk = "/dev/shm"
    let parent =
        FileManager.default.isWritableFile(atPath: ramDisk)
        ? URL(fileURLWithPath: ramDisk) : FileManager.default.temporaryDirectory
    let directory = parent.appendingPathComponent("office-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

/// Runs `body` with an office on a new replica of `site` in a temporary directory.
func withOffice<T>(site: String = "crema", _ body: (Office) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let replica = try Replica.create(path: directory + "/\(site).sqlite", site: site)
        try replica.connection.execute("PRAGMA synchronous = OFF")
        return try body(Office(replica: replica))
    }
}

extension Office {
    /// Runs SQL as an application would.
    func sql(_ statement: String, _ values: SQLValue...) throws {
        try replica.connection.run(statement, values)
    }

    /// The number of rows of `table`.
    func count(_ table: String) throws -> Int {
        Int(try replica.connection.query("SELECT count(*) FROM \(table)")[0][0].integer ?? -1)
    }

    /// Every row of every domain table and of the capture log: equal snapshots mean nothing was written.
    func snapshot() throws -> [String: [String]] {
        var snapshot: [String: [String]] = [:]
        for table in replica.catalog.tables.map(\.name) + ["_fl_dirty", "_fl_log"] {
            snapshot[table] = try replica.connection.query("SELECT * FROM \(table)").map { "\($0)" }.sorted()
        }
        return snapshot
    }

    /// Every row of `table` ordered by id, as SQLite returns them.
    func rows(_ table: String) throws -> [[SQLValue]] {
        try replica.connection.query("SELECT * FROM \(table) ORDER BY id")
    }

    /// A small fixture for record commands: a partner, a community maker, a household `CR-TEST`, a
    /// pact `k1` signed 2026-01-10, a lab, a civic center, a need reported 2026-03-01 and a 2026
    /// budget line for labs.
    func addFixture() throws {
        try sql("INSERT INTO partner (id, name, role) VALUES ('p1', 'Comune di Crema', 'partner')")
        try sql("INSERT INTO staff (id, name, role) VALUES ('m1', 'Chiara Ferrari', 'community_maker')")
        try sql("INSERT INTO household (id, code, municipality, adults) VALUES ('h1', 'CR-TEST', 'Crema', 2)")
        try sql(
            """
            INSERT INTO pact (id, household_id, kind, partner_id, maker_id, status, signed_on)
            VALUES ('k1', 'h1', 'inclusione', 'p1', 'm1', 'active', '2026-01-10')
            """)
        try sql("INSERT INTO lab (id, theme, title, status) VALUES ('l1', 'housing', 'Abitare insieme', 'active')")
        try sql("INSERT INTO civic_center (id, name) VALUES ('c1', 'Civic Center Oratorio')")
        try sql(
            """
            INSERT INTO need_report (id, civic_center_id, reported_on, category, urgency, status)
            VALUES ('n1', 'c1', '2026-03-01', 'housing', 'high', 'new')
            """)
        try sql("INSERT INTO budget_line (id, action, year, amount_cents) VALUES ('b1', 'labs', 2026, 1000000)")
    }
}

/// The error `body` throws, if it is an `OfficeError`.
func officeError(_ body: () throws -> Void) -> OfficeError? {
    do {
        try body()
        return nil
    } catch let error as OfficeError {
        return error
    } catch {
        return nil
    }
}
