import Foundation
import ProcessHarness
import SQLiteDatabase
import SyncTestSupport
import Testing

/// An initial sync is an ordered snapshot (each table's rows in key order, as of one server sequence):
/// killed with SIGKILL at random points while other offices go on writing, it resumes where it stopped
/// and the replica converges.
@Suite(.serialized) struct SnapshotFaultTests {
    @Test func aSnapshotKilledAtRandomPointsWhileOthersWriteResumesAndConverges() throws {
        let trials = faultTrials(default: 50)
        var random = SeededGenerator(seed: faultSeed(default: 404))
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (crema, hq) = (fixture["crema"], fixture["hq"])
        try fixture.hqPublishesPartners(1_500)
        try crema.write(
            (0..<200).map { "INSERT INTO household (id, code, adults) VALUES ('h\($0)', 'CR-\($0)', 2);" }.joined())
        try crema.syncOrThrow()
        // How long a new replica's whole first sync takes here, so the kills land inside one.
        let timing = try Office(site: "crema", directory: fixture.directory, server: fixture.server, name: "crema-timing")
        let began = Date()
        try timing.syncOrThrow(["--page-size", "50"])
        let span = UInt32(min(max(Date().timeIntervalSince(began), 0.01), 2) * 1_000_000)

        var midSnapshot = 0
        for trial in 0..<trials {
            let fresh = try Office(site: "crema", directory: fixture.directory, server: fixture.server, name: "crema-\(trial)")
            let delay = UInt32.random(in: 0...span, using: &random)
            _ = try ProcessFaultTests.runAndKill(
                Binaries.client, ["sync", "--db", fresh.path, "--page-size", "50"], afterMicroseconds: delay)
            #expect(try fresh.integrity() == "ok", "trial \(trial)")
            let position = try Connection(path: fresh.path, readOnly: true)
                .query("SELECT value FROM _fl_meta WHERE key = 'snapshot_table'")
            if !position.isEmpty { midSnapshot += 1 }
            // Others write meanwhile: rows the snapshot already sent change, new ones appear.
            try hq.write(
                "UPDATE partner SET name = 'renamed \(trial)' WHERE id IN ('p\(trial)', 'p\(1_499 - trial)');"
                    + "INSERT INTO partner (id, name, role) VALUES ('n\(trial)', 'New \(trial)', 'partner');")
            try hq.syncOrThrow()
            try crema.write("UPDATE household SET adults = \(trial % 5 + 1) WHERE id = 'h\(trial)'")
            try crema.syncOrThrow()

            try fresh.syncOrThrow(["--page-size", "50"])
            #expect(try fresh.rows("partner") == hq.rows("partner"), "trial \(trial): partners differ after the resumed sync")
            #expect(try fresh.rows("household") == crema.rows("household"), "trial \(trial): households differ")
        }
        #expect(midSnapshot > 0, "no kill landed inside a snapshot")
        print("snapshot kill -9: \(midSnapshot) of \(trials) kills left a snapshot under way; every replica resumed and converged")
    }
}
