import Foundation
import ProcessHarness
import Testing

/// A replica file restored from an older copy, or copied to a second machine, reuses write counters
/// the server already holds from it. Found at the handshake (or at a push), it takes a new identity,
/// sends again what the server had not received from it, pulls everything, and loses nothing.
@Suite(.serialized) struct RestoredReplicaTests {
    @Test func aReplicaRestoredFromAnOlderCopyForksAndEveryWriteSurvives() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (crema, cremona, hq) = (fixture["crema"], fixture["cremona"], fixture["hq"])
        try crema.write("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'planned')")
        try crema.syncOrThrow()
        let before = try crema.replicaID()
        let backup = try crema.copy(named: "crema-backup", in: fixture.directory)

        try crema.write("UPDATE lab SET title = 'Casa comune' WHERE id = 'l-1'")
        try crema.syncOrThrow()
        try crema.restore(from: backup)
        try crema.write("UPDATE lab SET status = 'active' WHERE id = 'l-1'")

        let sync = try crema.sync()
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("\"fork\""), "the summary says the replica forked: \(sync.stdout)")
        let after = try crema.replicaID()
        #expect(after != before, "the restored copy syncs under a new identity")
        for office in [hq, cremona, crema, hq, cremona] { try office.syncOrThrow() }
        for office in [crema, cremona, hq] {
            let rows = try office.rows("lab", where: "id = 'l-1'")
            #expect(rows.first?[3].text == "Casa comune", "\(office.site) keeps the edit made before the restore")
            #expect(rows.first?[6].text == "active", "\(office.site) has the edit made on the restored copy")
        }
        #expect(try hq.number("SELECT count(*) FROM _fl_conflict") == 0, "different fields: no conflict")

        let status = try runCommand(Binaries.client, ["status", "--db", crema.path])
        #expect(status.stdout.contains("restored from an older copy"), "\(status.stdout)")
        #expect(status.stdout.contains(after) && status.stdout.contains(before))
        let server = try fixture.server.command(["status"])
        #expect(server.stdout.contains("replica \(before) was restored from an older copy"), "\(server.stdout)")
        let audit = try fixture.server.command(["audit"])
        #expect(audit.stdout.components(separatedBy: "fork").count == 2, "one fork entry in the audit log: \(audit.stdout)")

        // Said once: the next sync is an ordinary one.
        let next = try crema.sync()
        #expect(next.status == 0 && !next.stdout.contains("\"fork\""), "\(next.stdout)")
    }

    @Test func twoLiveCopiesOfOneFileBothKeepEveryWriteAndTheSecondToSyncForks() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (desktop, hq) = (fixture["crema"], fixture["hq"])
        try desktop.write("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'planned')")
        try desktop.syncOrThrow()
        let shared = try desktop.replicaID()
        let laptop = try desktop.copy(named: "crema-laptop", in: fixture.directory)

        try desktop.write("""
            UPDATE lab SET title = 'Casa comune' WHERE id = 'l-1';
            INSERT INTO lab (id, theme, title, status) VALUES ('l-2', 'loneliness', 'Dal desktop', 'planned');
            """)
        try laptop.write("""
            UPDATE lab SET title = 'Casa di tutti' WHERE id = 'l-1';
            INSERT INTO lab (id, theme, title, status) VALUES ('l-3', 'loneliness', 'Dal portatile', 'planned');
            """)
        // The laptop versions its writes before the desktop syncs (an export cuts them): both copies
        // then hold a write numbered 2, and only its tag tells them apart.
        let export = try runCommand(
            Binaries.client, ["changes", "export", "--db", laptop.path, "--out", fixture.directory.path("l.json"), "--for", "hq"])
        #expect(export.status == 0, "\(export.stderr)")

        try desktop.syncOrThrow()
        let second = try laptop.sync()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"fork\""), "the second copy to sync forks: \(second.stdout)")
        #expect(try desktop.replicaID() == shared, "the first copy to sync keeps the identity")
        #expect(try laptop.replicaID() != shared)

        for office in [hq, desktop, laptop, hq, desktop, laptop] { try office.syncOrThrow() }
        let titles = try hq.states("lab")["l-1"]?.fields["title"]?.map(\.value.description).sorted() ?? []
        #expect(titles.count == 2, "both copies' titles are kept as one conflict: \(titles)")
        for office in [hq, desktop, laptop] {
            #expect(try office.rows("lab").map { $0[0].text ?? "" } == ["l-1", "l-2", "l-3"], "\(office.site) has every lab")
            #expect(try office.rows("lab") == hq.rows("lab"), "every replica shows the same")
        }
    }
}
