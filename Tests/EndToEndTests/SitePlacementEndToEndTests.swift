import Foundation
import ProcessHarness
import SQLiteDatabase
import Testing

/// Rows that hang from another site's household, written by the central office with the record
/// commands and with plain SQL, reach that site, through the real binaries, and no other.
@Suite(.serialized) struct SitePlacementEndToEndTests {
    @Test func peopleAndPactsTheCentralOfficeAddsToAnOfficesHouseholdReachThatOfficeOnly() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (crema, cremona, hq) = (fixture["crema"], fixture["cremona"], fixture["hq"])
        try crema.write("INSERT INTO household (id, code, municipality, adults) VALUES ('hh-1', 'CR-AAAA', 'Crema', 2)")
        try hq.write("""
            INSERT INTO partner (id, name, role) VALUES ('p-1', 'CISVOL', 'partner');
            INSERT INTO staff (id, name, role) VALUES ('s-1', 'Giulia', 'community_maker');
            """)
        for office in [crema, hq, cremona] { try office.syncOrThrow() }

        try Self.run(["person", "add", "--db", hq.path, "--household", "CR-AAAA", "--relation", "figlio",
                      "--birth-year", "2012", "--sex", "M"])
        try Self.run(["pact", "open", "--db", hq.path, "--household", "CR-AAAA", "--kind", "inclusione",
                      "--partner", "CISVOL", "--maker", "Giulia", "--signed-on", "2026-11-02",
                      "--commitment", "beneficiary:restitution:4 ore al mese in biblioteca"])
        // Plain SQL too: without a site, and with the central office's site given by mistake.
        try hq.write("""
            INSERT INTO person (id, household_id, relation) VALUES ('person-sql', 'hh-1', 'nonna');
            INSERT INTO person (id, site_id, household_id, relation) VALUES ('person-hq', 'hq', 'hh-1', 'zio');
            """)
        #expect(try hq.number("SELECT count(*) FROM person WHERE site_id IS NOT 'crema'") == 0)
        try hq.syncOrThrow()
        try crema.syncOrThrow()
        try cremona.syncOrThrow()

        #expect(try crema.number("SELECT count(*) FROM person WHERE household_id = 'hh-1' AND site_id = 'crema'") == 3)
        #expect(try crema.number("SELECT count(*) FROM pact WHERE household_id = 'hh-1' AND site_id = 'crema'") == 1)
        #expect(try crema.number("SELECT count(*) FROM pact_commitment WHERE site_id = 'crema'") == 1)
        for table in ["household", "person", "pact", "pact_commitment"] {
            #expect(try cremona.number("SELECT count(*) FROM \(table)") == 0, "cremona holds a \(table) row")
            #expect(try cremona.number("SELECT count(*) FROM _fl_row WHERE tbl = '\(table)'") == 0)
        }
        let store = try Connection(path: fixture.server.database, readOnly: true)
        let owners = try store.query(
            "SELECT owner_site, count(*) FROM rows WHERE tbl IN ('person', 'pact', 'pact_commitment') GROUP BY owner_site")
        #expect(owners == [[.text("crema"), .integer(5)]])
    }

    private static func run(_ arguments: [String]) throws {
        let result = try runCommand(Binaries.client, arguments)
        #expect(result.status == 0, "farelegami \(arguments.joined(separator: " ")): \(result.stderr)")
    }
}
