import Foundation
import ProcessHarness
import Testing

/// Values never change silently on the way and capture never stops silently: the real server and
/// real `farelegami` processes, the writes made with plain SQL.
@Suite(.serialized) struct QuietChangeTests {
    @Test func aBlobAnInfinityOrInvalidTextIsHeldBackNeverSentAsSomethingElse() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (crema, hq) = (fixture["crema"], fixture["hq"])
        try crema.write("""
            INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active');
            INSERT INTO volunteer_hours (id, volunteer_code, done_on, hours) VALUES ('v-1', 'V1', '2026-03-01', 2);
            """)
        try crema.syncOrThrow()
        try crema.write("""
            UPDATE lab SET title = x'00ff10' WHERE id = 'l-1';
            UPDATE volunteer_hours SET hours = 9e999 WHERE id = 'v-1';
            INSERT INTO partner (id, name) VALUES ('p-1', CAST(x'4361ff' AS TEXT));
            """)
        let sync = try crema.sync([])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("\"heldBack\":3"), "\(sync.stdout)")
        try hq.syncOrThrow()
        #expect(try hq.rows("lab", where: "id = 'l-1' AND title = 'Casa'").count == 1, "hq keeps the last value it could carry")
        #expect(try hq.rows("volunteer_hours", where: "id = 'v-1' AND hours = 2").count == 1, "no infinity turned to NULL")
        #expect(try hq.rows("partner", where: "id = 'p-1'").isEmpty, "no text with U+FFFD in it")
        let typeofTitle = try crema.rows("lab", where: "id = 'l-1' AND typeof(title) = 'blob'")
        #expect(typeofTitle.count == 1, "the office keeps what it wrote until it corrects it")
    }

    @Test func aDroppedTriggerIsRecreatedAtTheNextSyncAndTheUpdateItMissedArrives() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (crema, hq) = (fixture["crema"], fixture["hq"])
        try crema.write("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active')")
        try crema.syncOrThrow()
        // A table-rebuild procedure drops the trigger, then updates the row.
        try crema.write("DROP TRIGGER _fl_lab_update; UPDATE lab SET title = 'Casa comune' WHERE id = 'l-1'")
        let sync = try crema.sync()
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect((sync.stdout + sync.stderr).contains("trigger"), "the sync says it recreated the trigger: \(sync.stdout) \(sync.stderr)")
        try hq.syncOrThrow()
        #expect(try hq.rows("lab", where: "id = 'l-1' AND title = 'Casa comune'").count == 1)
        try crema.write("UPDATE lab SET status = 'closed' WHERE id = 'l-1'")
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try hq.rows("lab", where: "id = 'l-1' AND status = 'closed'").count == 1, "later updates are captured again")
    }
}
