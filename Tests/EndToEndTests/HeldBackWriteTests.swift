import Foundation
import ProcessHarness
import Testing

/// One bad plain-SQL write never blocks an office: the real server and real `farelegami` processes.
@Suite(.serialized) struct HeldBackWriteTests {
    @Test func aBadPlainSQLWriteWaitsWhileTheOfficesOtherWritesAndPullsGoOn() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (crema, hq) = (fixture["crema"], fixture["hq"])
        try crema.write("INSERT INTO household (id, code, adults) VALUES ('h-1', 'CR1', 1)")
        try crema.syncOrThrow()
        try hq.write("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active')")
        try hq.syncOrThrow()

        try crema.write("""
            UPDATE household SET adults = 'two' WHERE id = 'h-1';
            INSERT INTO household (id, site_id, code) VALUES ('h-2', 'cremona', 'CN2');
            INSERT INTO partner (id, name) VALUES ('p-1', 'Comune di Crema');
            """)
        let sync = try crema.sync([])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("\"heldBack\":2"), "\(sync.stdout)")
        #expect(try crema.rows("lab", where: "id = 'l-1'").count == 1, "pulls go on")
        try hq.syncOrThrow()
        #expect(try hq.rows("partner", where: "id = 'p-1'").count == 1, "the office's other writes go on")
        #expect(try hq.number("SELECT adults FROM household WHERE id = 'h-1'") == 1)
        #expect(try hq.rows("household", where: "id = 'h-2'").isEmpty)

        let status = try runCommand(Binaries.client, ["status", "--db", crema.path])
        #expect(status.stdout.contains("held back:        2 rows"), "\(status.stdout)")
        #expect(status.stdout.contains("household h-1: adults 'two' is not a whole number"), "\(status.stdout)")
        #expect(status.stdout.contains("household h-2: site_id says the row belongs to cremona"), "\(status.stdout)")
        // The central office sees them in the server's status, as of the sync that held them back.
        let central = try fixture.server.command(["status"])
        #expect(central.stdout.contains("holds back 2 row(s) until the office corrects them"), "\(central.stdout)")
        #expect(central.stdout.contains("household h-1: adults 'two' is not a whole number"), "\(central.stdout)")
        let centralJSON = try fixture.server.command(["status", "--json"])
        #expect(centralJSON.stdout.contains("\"total\" : 2"), "\(centralJSON.stdout)")

        try crema.write("UPDATE household SET adults = 2 WHERE id = 'h-1'; DELETE FROM household WHERE id = 'h-2'")
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try hq.number("SELECT adults FROM household WHERE id = 'h-1'") == 2)
        #expect(try crema.number("SELECT count(*) FROM _fl_quarantine") == 0)
        let released = try fixture.server.command(["status"])
        #expect(!released.stdout.contains("holds back"), "corrected rows leave the central status: \(released.stdout)")
    }
}
