import Foundation
@testable import MergeServer
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A store whose `rows` table has the version 1 layout (clustered by key) is rebuilt as a rowid table
/// when opened, keeping every row, its bookkeeping and what pulls return.
@Suite struct StoreMigrationTests {
    /// The version 1 `rows` table, as builds before the rowid layout created it.
    static let versionOneRows = """
        CREATE TABLE rows (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, owner_site TEXT, former_owners TEXT,
            privacy TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, last_writer TEXT,
            PRIMARY KEY (tbl, rid)
        ) WITHOUT ROWID;
        """

    @Test func aVersionOneStoreIsRebuiltWithEveryRowAndServesTheSamePulls() async throws {
        let fixture = try await Fixture(sqliteOnly: true)
        let path = fixture.configuration.databasePath
        let rows = [
            Rows.partner("p1", name: "P1", site: "crema", by: Replicas.crema, counter: 1),
            Rows.household("h1", site: "crema", by: Replicas.crema, counter: 2),
            Rows.partner("p2", name: "P2", site: "crema", by: Replicas.crema, counter: 3),
        ]
        _ = try await fixture.store.push(
            Rows.changeSet(rows, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let before = try await fixture.store.pull(
            replica: Replicas.hq, since: 0, limit: 10, for: Fixture.authenticated("hq"))
        try Self.downgradeRowsTable(at: path)

        let reopened = try SQLiteChangeStore(path: path)

        let connection = try Connection(path: path)
        let definition = try connection.query("SELECT sql FROM sqlite_master WHERE name = 'rows'").first?[0].text ?? ""
        #expect(!definition.uppercased().contains("WITHOUT ROWID"))
        #expect(try connection.query("SELECT value FROM meta WHERE key = 'store_version'").first?[0].text == "2")
        #expect(try connection.query("PRAGMA integrity_check").first?[0].text == "ok")
        let after = try await reopened.pull(replica: Replicas.hq, since: 0, limit: 10, for: Fixture.authenticated("hq"))
        #expect(after.rows == before.rows)
        #expect(after.rows.count == 3)
        let cremona = try await reopened.pull(
            replica: Replicas.cremona, since: 0, limit: 10, for: Fixture.authenticated("cremona"))
        #expect(cremona.rows.map(\.id) == ["p1", "p2"], "the household stays with its own site")
        // The rebuilt table takes new pushes and updates in place.
        let renamed = Rows.partner("p1", name: "P1 renamed", site: "crema", by: Replicas.crema, counter: 4)
        _ = try await reopened.push(
            Rows.changeSet([renamed], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let latest = try await reopened.pull(replica: Replicas.hq, since: 0, limit: 10, for: Fixture.authenticated("hq"))
        #expect(latest.rows.count == 3)
        #expect(latest.rows.last?.id == "p1")
    }

    @Test func aStoreMadeBeforeRetainedViewsGetsTheirTableWhenOpenedAndServesPulls() async throws {
        let directory = NSTemporaryDirectory() + "store-retained-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/central.sqlite"
        try SQLiteChangeStore.create(path: path)
        try Connection(path: path).execute("DROP TABLE retained")
        let store = try SQLiteChangeStore(path: path)
        _ = try await store.issueToken(site: "hq", central: true)
        _ = try await store.handshake(replica: ReplicaID("hq-pc-1"), site: .centralOffice)
        let page = try await store.pull(replica: ReplicaID("hq-pc-1"), since: 0, limit: 10, for: .centralOffice)
        #expect(page.rows.isEmpty && page.retained == nil)
    }

    @Test func aStoreAlreadyOnTheRowidLayoutIsLeftAsItIs() throws {
        let connection = try Connection(path: ":memory:", create: true)
        try connection.execute(StoreSchema.sql)
        #expect(try StoreMigration.upgradeRowsTable(in: connection) == false)
    }

    /// Rebuilds the store's `rows` table with the version 1 layout, as an older build left it.
    static func downgradeRowsTable(at path: String) throws {
        let connection = try Connection(path: path)
        try connection.execute(
            """
            BEGIN;
            CREATE TABLE rows_v1 AS SELECT * FROM rows;
            DROP TABLE rows;
            \(versionOneRows)
            INSERT INTO rows SELECT * FROM rows_v1;
            DROP TABLE rows_v1;
            UPDATE meta SET value = '1' WHERE key = 'store_version';
            COMMIT;
            """)
    }
}
