import Foundation
import ProcessHarness
import Testing

/// The central office gives a household to another office while its first office edits it offline:
/// the edit is kept, the first office forgets the household, and its other writes flow.
@Suite(.serialized) struct MovedHouseholdTests {
    @Test func anOfflineEditOfAHouseholdMovedMeanwhileIsKeptAndTheOfficeIsNotBlocked() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (crema, cremona, hq) = (fixture["crema"], fixture["cremona"], fixture["hq"])
        try crema.write("INSERT INTO household (id, code, adults) VALUES ('h-1', 'CR1', 1)")
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        try cremona.syncOrThrow()

        try hq.write("UPDATE household SET site_id = 'cremona' WHERE id = 'h-1'")
        try hq.syncOrThrow()
        // crema, offline, edits the household and writes an unrelated lab.
        try crema.write("""
            UPDATE household SET adults = 3 WHERE id = 'h-1';
            INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active');
            """)

        let sync = try crema.sync()
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try crema.rows("household", where: "id = 'h-1'").isEmpty, "crema forgets the moved household")
        #expect(try crema.number("SELECT count(*) FROM _fl_outbox") == 0)
        try cremona.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try cremona.number("SELECT adults FROM household WHERE id = 'h-1'") == 3, "the edit is kept")
        #expect(try hq.number("SELECT adults FROM household WHERE id = 'h-1'") == 3)
        #expect(try hq.rows("household", where: "id = 'h-1' AND site_id = 'cremona'").count == 1)
        #expect(try hq.rows("lab", where: "id = 'l-1'").count == 1, "crema's other writes flow")
        try crema.syncOrThrow()
        #expect(try crema.rows("household", where: "id = 'h-1'").isEmpty)
    }
}
