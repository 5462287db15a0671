import Foundation
import ProcessHarness
import SQLiteDatabase
import Testing

/// The sync process and the daemon under signals and locks, with the real binaries.
@Suite(.serialized) struct DaemonEndToEndTests {
    @Test func aSyncStoppedWithSIGTERMLeavesTheReplicaConsistentAndTheNextSyncCompletes() throws {
        let fixture = try SyncFixture(sites: ["cremona", "hq"])
        defer { fixture.close() }
        let (hq, cremona) = (fixture["hq"], fixture["cremona"])
        try fixture.hqPublishesPartners(3_000)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.client)
        process.arguments = ["sync", "--db", cremona.path, "--page-size", "10"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // A fresh replica's first pull is an ordered snapshot: rows arrive a page at a time.
        while process.isRunning {
            if (try? cremona.number("SELECT count(*) FROM partner")) ?? 0 > 0 {
                process.terminate()  // SIGTERM
                break
            }
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "the sync died of the signal instead of stopping cleanly")
        #expect(process.terminationStatus != 0)
        #expect(stderr.contains("stopped on request"), "stderr: \(stderr)")

        let connection = try Connection(path: cremona.path)
        #expect(try connection.query("PRAGMA integrity_check").first?.first?.text == "ok")
        let applied = try cremona.number("SELECT count(*) FROM partner")
        #expect(applied > 0 && applied < 3_000)
        // Rows and the snapshot's position commit together: the rows applied are exactly hq's
        // partners up to the saved key.
        let position = try #require(
            try connection.query("SELECT value FROM _fl_meta WHERE key = 'snapshot_after'").first?.first?.text)
        let upToPosition = try hq.number("SELECT count(*) FROM partner WHERE id <= '\(position)'")
        #expect(applied == upToPosition, "position \(position) (\(upToPosition) rows of hq) but \(applied) rows applied")
        #expect(try cremona.number("SELECT count(*) FROM partner WHERE id > '\(position)'") == 0)
        try cremona.syncOrThrow()
        #expect(try cremona.rows("partner") == hq.rows("partner"))
    }

    @Test func theDaemonSyncsAtStartHoldsTheLockAndStopsCleanlyOnSIGTERM() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p1', 'CISVOL', 'partner')")

        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Binaries.client)
        daemon.arguments = ["daemon", "--db", crema.path, "--every", "1h", "--now"]
        let log = Pipe()
        daemon.standardError = log
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        var synced = false
        while daemon.isRunning && !synced {
            synced = ((try? crema.number("SELECT count(*) FROM _fl_meta WHERE key = 'last_sync_at'")) ?? 0) == 1
        }
        #expect(synced, "the daemon did not sync at start")

        let second = try runCommand(Binaries.client, ["sync", "--db", crema.path])
        #expect(second.status != 0)
        #expect(second.stderr.contains("pid \(daemon.processIdentifier)"), "stderr: \(second.stderr)")

        daemon.terminate()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
        #expect(output.contains("sync ok") && output.contains("pushed=1"), "log: \(output)")
        #expect(!output.contains(try String(contentsOfFile: fixture.directory.path("crema.token"), encoding: .utf8)))
        // The lock died with the daemon: a sync now runs.
        #expect(try crema.sync().status == 0)
    }
}
