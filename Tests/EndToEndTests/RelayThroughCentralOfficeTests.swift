import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import Testing

/// An office with no network carries a change-set file to the central office, which imports it and
/// passes it on at its next sync: the real server and real `farelegami` processes.
@Suite(.serialized) struct RelayThroughCentralOfficeTests {
    @Test func aFileImportedAtHQReachesTheServerWithTheOfficesOwnWritesAndThenEveryOffice() throws {
        let fixture = try SyncFixture(sites: ["crema", "casalmaggiore", "hq"])
        defer { fixture.close() }
        let (casalmaggiore, crema, hq) = (fixture["casalmaggiore"], fixture["crema"], fixture["hq"])
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        // casalmaggiore never reaches the server: everything it writes travels on a file.
        try casalmaggiore.write("""
            INSERT INTO partner (id, name, role) VALUES ('p-concass', 'Concass', 'partner');
            INSERT INTO lab (id, theme, title, status) VALUES ('l-orti', 'housing', 'Orti sociali', 'active');
            INSERT INTO household (id, code, municipality, adults) VALUES ('h-ca1', 'CA1', 'Casalmaggiore', 2);
            """)
        let file = fixture.directory.path("casalmaggiore-for-hq.json")
        try run(["changes", "export", "--db", casalmaggiore.path, "--out", file, "--for", "hq"])
        try run(["changes", "import", "--db", hq.path, file])
        let status = try JSONSerialization.jsonObject(with: Data(try run(["status", "--db", hq.path, "--json"]).utf8))
        #expect((status as? [String: Any])?["unpushed"] as? Int == 3, "hq queues the relayed rows: \(status)")

        let pushed = try summary(of: hq.sync())
        #expect(pushed["pushed"] as? Int == 3)
        try crema.syncOrThrow()

        #expect(try crema.rows("partner", where: "id = 'p-concass'").count == 1)
        #expect(try crema.rows("lab", where: "id = 'l-orti'").count == 1)
        #expect(try crema.rows("household", where: "id = 'h-ca1'").isEmpty, "another site's household never reaches crema")
        // The server holds the office's own writes, not hq's: the rows' clocks name casalmaggiore only.
        let office = try casalmaggiore.replicaID()
        for (table, id) in [("partner", "p-concass"), ("lab", "l-orti")] {
            let state = try #require(try crema.states(table)[id])
            #expect(state.clock.entries.map(\.replica.rawValue) == [office], "\(table)/\(id)")
        }
        // When the office is back online its own push finds them on the server already.
        let back = try casalmaggiore.sync()
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try casalmaggiore.number("SELECT count(*) FROM _fl_outbox") == 0)
        #expect(try hq.rows("household", where: "id = 'h-ca1'").count == 1)
    }

    @Test func aFileFromAnotherTerritorialOfficeIsRefusedAtImportInOneLine() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona"])
        defer { fixture.close() }
        let (crema, cremona) = (fixture["crema"], fixture["cremona"])
        try crema.write("INSERT INTO partner (id, name) VALUES ('p-1', 'Comune di Crema')")
        let file = fixture.directory.path("crema-for-cremona.json")
        try run(["changes", "export", "--db", crema.path, "--out", file, "--for", "cremona"])

        let result = try runCommand(Binaries.client, ["changes", "import", "--db", cremona.path, file])

        #expect(result.status != 0)
        #expect(result.errorLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("exported by crema") && result.stderr.contains("hq"))
        #expect(try cremona.rows("partner").isEmpty)
        #expect(try cremona.number("SELECT count(*) FROM _fl_outbox") == 0)
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try runCommand(Binaries.client, arguments)
        guard result.status == 0 else {
            throw HarnessFailure(message: "farelegami \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    private func summary(of result: CommandResult) throws -> [String: Any] {
        guard result.status == 0 else { throw HarnessFailure(message: "sync failed: \(result.stderr)") }
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any])
    }
}
