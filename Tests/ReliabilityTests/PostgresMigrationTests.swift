import Foundation
import ProcessHarness
import Testing

/// `farelegami-server migrate-store`: a running deployment moved from its SQLite store to PostgreSQL,
/// checked by counts and by every replica syncing afterwards. Runs when the run names a PostgreSQL
/// server (`FARELEGAMI_TEST_POSTGRES`).
@Suite(.serialized, .enabled(if: PostgresRun.address != nil, "needs FARELEGAMI_TEST_POSTGRES (scripts/test.sh sets it)"))
struct PostgresMigrationTests {
    @Test func aDeploymentMovedToPostgresKeepsEveryRowConflictAndCursorAndSyncsOn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try ServerProcess(directory: directory, sites: ["crema", "cremona", "hq"])
        try sqlite.start()
        let offices = try ["crema", "cremona", "hq"].map { try Office(site: $0, directory: directory, server: sqlite) }
        let (crema, cremona, hq) = (offices[0], offices[1], offices[2])
        try hq.write("INSERT INTO partner (id, name, role) VALUES ('p1', 'Coop Sociale', 'partner')")
        try hq.syncOrThrow()
        try crema.write("INSERT INTO household (id, code, adults) VALUES ('h1', 'CR-1', 2)")
        try cremona.write("INSERT INTO household (id, code, adults) VALUES ('h2', 'CM-1', 3)")
        for office in offices { try office.syncOrThrow() }
        // A conflict left open: both offices rename the shared partner.
        try crema.write("UPDATE partner SET name = 'Coop Crema' WHERE id = 'p1'")
        try cremona.write("UPDATE partner SET name = 'Coop Cremona' WHERE id = 'p1'")
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }
        let before = try sqlite.command(["status", "--json"])
        sqlite.stop()

        let address = try PostgresRun.newDatabase()
        let migrated = try runCommand(Binaries.server, ["migrate-store", "--from", sqlite.database, "--to", address, "--json"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let report = try JSONDecoder().decode(MigrationReport.self, from: Data(migrated.stdout.utf8))
        #expect(report.tables.allSatisfy { $0.source == $0.target }, "\(report.tables)")
        #expect(report.tables.first { $0.table == "rows" }?.target == 3)
        #expect(report.tables.first { $0.table == "conflicts" }?.target == 1)
        let again = try runCommand(Binaries.server, ["migrate-store", "--from", sqlite.database, "--to", address])
        #expect(again.status != 0 && again.stderr.contains("already holds"), "a second copy into the same database is refused")

        // The same port, now on PostgreSQL: the offices' tokens and cursors carry on.
        let postgres = try ServerProcess(directory: directory, store: address, sites: [])
        try postgres.start(port: sqlite.port)
        defer { postgres.stop() }
        let after = try postgres.command(["status", "--json"])
        #expect(try Self.sequence(after.stdout) == Self.sequence(before.stdout))
        for office in offices {
            let sync = try office.sync()
            #expect(sync.status == 0, "\(office.site): \(sync.stderr)")
            #expect(sync.stdout.contains(#""pulled":0"#) && sync.stdout.contains(#""pushed":0"#), "\(office.site) moved nothing again: \(sync.stdout)")
        }
        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p2', 'Nuovo', 'supporter')")
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }
        #expect(try hq.rows("partner") == crema.rows("partner"))
        #expect(try cremona.rows("partner") == crema.rows("partner"))
        #expect(try hq.number("SELECT count(*) FROM partner") == 2)
        #expect(try cremona.number("SELECT count(*) FROM household") == 1, "cremona still sees only its household")
    }

    struct MigrationReport: Decodable {
        struct Table: Decodable {
            let table: String
            let source: Int
            let target: Int
        }
        let tables: [Table]
    }

    static func sequence(_ status: String) throws -> Int {
        struct Status: Decodable { let latestSequence: Int }
        return try JSONDecoder().decode(Status.self, from: Data(status.utf8)).latestSequence
    }
}
