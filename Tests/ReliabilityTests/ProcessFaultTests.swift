import Foundation
import ProcessHarness
import SQLiteDatabase
import SyncTestSupport
import Testing

/// Processes dying, freezing and being restored from backups: `kill -9` of clients and of the server at
/// random points of push, pull and apply; SIGSTOP/SIGCONT; a server rolled back to an older backup; a
/// replica file that cannot be written.
@Suite(.serialized) struct ProcessFaultTests {
    @Test func clientsKilledAtRandomPointsKeepSoundFilesLoseNoAcknowledgedWriteAndConverge() throws {
        let trials = faultTrials(default: 4)
        var random = SeededGenerator(seed: faultSeed(default: 101))
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let hq = fixture["hq"]
        var killed = 0
        // How long one such sync takes here (process start included), so the kills land inside one.
        try crema.write(Self.inserts(prefix: "w", count: 60))
        try hq.write(Self.inserts(prefix: "v", count: 60))
        try hq.syncOrThrow()
        let began = Date()
        _ = try Self.runAndKill(Binaries.client, ["sync", "--db", crema.path, "--page-size", "7"], afterMicroseconds: nil)
        let span = UInt32(min(max(Date().timeIntervalSince(began), 0.01), 1) * 1_000_000)
        for trial in 0..<trials {
            try crema.write(Self.inserts(prefix: "c\(trial)", count: 60) + "UPDATE partner SET name = 'n\(trial)' WHERE id LIKE 'h%'")
            try hq.write(Self.inserts(prefix: "h\(trial)", count: 60))
            try hq.syncOrThrow()
            let delay = UInt32.random(in: 0...span * 4 / 5, using: &random)
            if try Self.runAndKill(Binaries.client, ["sync", "--db", crema.path, "--page-size", "7"], afterMicroseconds: delay) {
                killed += 1
            }
            #expect(try crema.integrity() == "ok", "trial \(trial)")
            let missing = try Self.acknowledgedButMissing(crema, server: server)
            #expect(missing.isEmpty, "trial \(trial) (delay \(delay) µs): acknowledged but not on the server: \(missing.prefix(5))")
        }
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        try crema.syncOrThrow()
        #expect(try crema.rows("partner") == hq.rows("partner"))
        #expect(killed > 0, "no sync was killed before it finished")
        print("client kill -9: \(killed) of \(trials) syncs killed mid-way, every file sound, no acknowledged write lost")
    }

    @Test func aServerKilledAtRandomPointsLosesNoAcknowledgedWriteAndStaysSound() throws {
        let trials = faultTrials(default: 3)
        var random = SeededGenerator(seed: faultSeed(default: 202))
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let hq = fixture["hq"]
        var interrupted = 0
        for trial in 0..<trials {
            try crema.write(Self.inserts(prefix: "s\(trial)", count: 80))
            try hq.write(Self.inserts(prefix: "t\(trial)", count: 40))
            let syncs = try [crema, hq].map { office in
                try SpawnedProcess(
                    Binaries.client, ["sync", "--db", office.path, "--page-size", "5"],
                    outputTo: "/dev/null", errorsTo: "/dev/null")
            }
            usleep(UInt32.random(in: 0...500_000, using: &random))
            server.kill()
            for process in syncs where process.wait() != 0 {
                interrupted += 1
            }
            let store = try Connection(path: server.database)
            #expect(try store.query("PRAGMA integrity_check").first?.first?.text == "ok", "trial \(trial)")
            #expect(try Self.acknowledgedButMissing(crema, server: server).isEmpty, "trial \(trial)")
            #expect(try crema.integrity() == "ok")
            try server.start(port: server.port)
        }
        for _ in 0..<2 { for office in [crema, hq] { try office.syncOrThrow() } }
        #expect(try crema.rows("partner") == hq.rows("partner"))
        #expect(try crema.number("SELECT count(*) FROM partner") == Int64(trials * 120))
        print("server kill -9: \(interrupted) of \(2 * trials) client syncs cut by the kill, store sound, no acknowledged write lost")
    }

    @Test func aClientFrozenWithSigstopMidSyncFinishesAfterSigcontAndHoldsTheReplicaMeanwhile() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let hq = fixture["hq"]
        try hq.write(Self.inserts(prefix: "z", count: 1_500))
        try hq.syncOrThrow()
        let process = try SpawnedProcess(
            Binaries.client, ["sync", "--db", crema.path, "--page-size", "10"], outputTo: "/dev/null", errorsTo: "/dev/null")
        while process.isRunning, (try? crema.number("SELECT CAST(value AS INTEGER) FROM _fl_meta WHERE key = 'cursor'")) ?? 0 <= 0 {
            usleep(2_000)
        }
        process.send(SIGSTOP)
        let meanwhile = try crema.sync()
        #expect(meanwhile.status != 0 && meanwhile.stderr.contains("is using"), "\(meanwhile.stderr)")
        usleep(1_500_000)
        process.send(SIGCONT)
        #expect(process.wait() == 0)
        #expect(try crema.integrity() == "ok")
        #expect(try crema.rows("partner") == hq.rows("partner"))
    }

    @Test(arguments: [true, false])
    func aServerRestoredFromAnOlderBackupIsDetectedAndNothingIsSilentlyMissed(runNewEpoch: Bool) throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (directory, server) = (fixture.directory, fixture.server)
        let offices = ["crema", "cremona", "hq"].map { fixture[$0] }
        try offices[0].write(Self.inserts(prefix: "before", count: 20))
        try offices[0].write("INSERT INTO household (id, code, municipality, adults) VALUES ('hh-old', 'C1', 'Crema', 1)")
        for office in offices { try office.syncOrThrow() }
        let backup = directory.path("backup.sqlite")
        try Connection(path: server.database).execute("VACUUM INTO '\(backup)'")

        try offices[0].write(Self.inserts(prefix: "after-crema", count: 15))
        try offices[0].write("INSERT INTO household (id, code, municipality, adults) VALUES ('hh-new', 'C2', 'Crema', 4)")
        try offices[1].write(Self.inserts(prefix: "after-cremona", count: 15))
        try offices[2].write("UPDATE partner SET name = 'rinominato' WHERE id = 'before-0'")
        for office in offices { try office.syncOrThrow() }
        let expected = try offices[2].rows("partner")

        server.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: server.database + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: server.database)
        if runNewEpoch { #expect(try server.command(["new-epoch"]).status == 0) }
        try server.start(port: server.port)
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }
        for office in offices {
            #expect(try office.rows("partner") == expected, "\(office.site) after the restore (new-epoch: \(runNewEpoch))")
        }
        #expect(try offices[2].rows("household").count == 2)
        let onServer = try Connection(path: server.database, readOnly: true).query("SELECT count(*) FROM rows WHERE tbl = 'partner'")
        #expect(onServer.first?.first?.integer == 50)
    }

    /// After a restore, an office that already pulled another site's post-backup writes re-pushes
    /// them: the server leaves those rows as it holds them (it cannot tell them from forged ones) and
    /// accepts the rest, so the office's sync succeeds; the rows come back when their own site re-pushes.
    @Test func afterARestoreAnOfficeHoldingAnotherSitesLostWritesSyncsAtOnce() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (directory, server) = (fixture.directory, fixture.server)
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        try crema.write(Self.inserts(prefix: "a", count: 2))
        for office in [crema, cremona] { try office.syncOrThrow() }
        let backup = directory.path("backup.sqlite")
        try Connection(path: server.database).execute("VACUUM INTO '\(backup)'")
        try cremona.write(Self.inserts(prefix: "lost", count: 2))
        try cremona.syncOrThrow()
        try crema.syncOrThrow()  // crema now holds cremona's post-backup rows
        server.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: server.database + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: server.database)
        #expect(try server.command(["new-epoch"]).status == 0)
        try server.start(port: server.port)
        let first = try crema.sync()
        #expect(first.status == 0, "\(first.stderr)")
        let onServer = try Connection(path: server.database, readOnly: true)
            .query("SELECT count(*) FROM rows WHERE tbl = 'partner' AND rid LIKE 'lost%'")
        #expect(onServer.first?.first?.integer == 0, "crema's re-push did not store cremona's rows")
        try cremona.syncOrThrow()
        try crema.syncOrThrow()
        #expect(try crema.rows("partner") == cremona.rows("partner"))
        #expect(try crema.number("SELECT count(*) FROM partner") == 4)
    }

    @Test func aReplicaFileThatCannotBeWrittenFailsTheSyncCleanlyAndChangesNothing() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let hq = fixture["hq"]
        try crema.syncOrThrow()
        try hq.write(Self.inserts(prefix: "ro", count: 100))
        try hq.syncOrThrow()
        let cursor = try crema.number("SELECT value FROM _fl_meta WHERE key = 'cursor'")
        #expect(try runCommand("/usr/bin/chattr", ["+i", crema.path]).status == 0)
        let failed = try crema.sync()
        _ = try runCommand("/usr/bin/chattr", ["-i", crema.path])
        #expect(failed.status != 0)
        #expect(failed.errorLines.count == 1 && failed.stderr.lowercased().contains("read"), "\(failed.stderr)")
        #expect(try crema.integrity() == "ok")
        #expect(try crema.number("SELECT count(*) FROM partner") == 0)
        #expect(try crema.number("SELECT value FROM _fl_meta WHERE key = 'cursor'") == cursor)
        try crema.syncOrThrow()
        #expect(try crema.rows("partner") == hq.rows("partner"))
    }

    @Test func aDiskThatFillsDuringApplyFailsTheSyncCleanlyAndTheNextSyncCompletes() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let hq = fixture["hq"]
        try crema.syncOrThrow()
        try hq.write(Self.inserts(prefix: "full", count: 5_000))
        try hq.syncOrThrow()
        // The sync process may not grow any file past 256 KiB (RLIMIT_FSIZE, SIGXFSZ ignored): its
        // writes fail as on a full disk once the pulled pages no longer fit.
        let client = Binaries.client
        let failed = try runCommand(
            "/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 256; exec \"$0\" sync --db \"$1\"", client, crema.path])
        #expect(failed.status != 0)
        #expect(failed.errorLines.count == 1 && failed.stderr.contains("disk"), "\(failed.stderr)")
        #expect(try crema.integrity() == "ok")
        let applied = try crema.number("SELECT count(*) FROM partner")
        #expect(applied < 5_000, "the limit did not bite")
        try crema.syncOrThrow()
        #expect(try crema.rows("partner") == hq.rows("partner"))
    }

    static func inserts(prefix: String, count: Int) -> String {
        (0..<count).map { "INSERT INTO partner (id, name, role) VALUES ('\(prefix)-\($0)', '\(prefix) \($0)', 'partner');" }
            .joined()
    }

    /// Runs `executable` and kills it with SIGKILL after `delay` µs; true when it was still running.
    /// Runs the command and kills it with SIGKILL after `delay` µs (nil: lets it finish); returns
    /// whether the kill caught it running.
    static func runAndKill(_ executable: String, _ arguments: [String], afterMicroseconds delay: UInt32?) throws -> Bool {
        let process = try SpawnedProcess(executable, arguments, outputTo: "/dev/null", errorsTo: "/dev/null")
        guard let delay else {
            process.wait()
            return false
        }
        usleep(delay)
        let running = process.isRunning
        if running { process.send(SIGKILL) }
        process.wait()
        return running && process.endedBySignal
    }

    /// Row ids the replica holds as acknowledged (no unpushed or uncut version) that the server lacks.
    static func acknowledgedButMissing(_ office: Office, server: ServerProcess) throws -> [String] {
        let store = try Connection(path: server.database, readOnly: true)
        let held = Set(try store.query("SELECT tbl || '/' || rid FROM rows").compactMap { $0.first?.text })
        return try acknowledged(office).filter { !held.contains($0) }
    }

    /// Row ids (`table/id`) the replica holds as acknowledged: no unpushed or uncut version.
    static func acknowledged(_ office: Office) throws -> [String] {
        let replica = try Connection(path: office.path, readOnly: true)
        return try replica.query(
            """
            SELECT r.tbl || '/' || r.rid FROM _fl_row r WHERE NOT EXISTS (SELECT 1 FROM _fl_outbox o WHERE o.tbl = r.tbl AND o.rid = r.rid)
            AND NOT EXISTS (SELECT 1 FROM _fl_dirty d WHERE d.tbl = r.tbl AND d.rid = r.rid)
            AND NOT EXISTS (SELECT 1 FROM _fl_log l WHERE l.tbl = r.tbl AND l.rid = r.rid)
            """
        ).compactMap { $0.first?.text }
    }
}
