import Foundation
import ProcessHarness
import SQLiteDatabase
import Testing

/// The names of offices and times of writes (`GET /v1/replicas`) are fetched after a sync's data
/// steps: when that call fails, the sync still succeeds with its data, says what went wrong, and
/// the next sync fetches them.
@Suite(.serialized) struct ReplicaDirectoryFaultTests {
    @Test func aSyncWhoseOfficeNamesCannotBeFetchedStillSyncsItsDataAndFetchesThemNextTime() throws {
        let world = try FaultWorld()
        defer { world.close() }
        let crema = world.offices[0]
        let cremona = world.offices[1]
        try cremona.write("UPDATE lab SET title = 'Abitare insieme' WHERE id = 'lab0'")
        try cremona.syncOrThrow()
        try world.proxy.inject("reset", path: "/v1/replicas", times: nil)
        // Crema's sync opens a conflict whose cremona side it cannot name yet.
        try crema.write("UPDATE lab SET title = 'Casa comune' WHERE id = 'lab0'")
        let broken = try crema.sync()
        #expect(broken.status == 0, "\(broken.stderr)")
        #expect(broken.stdout.contains("\"directoryProblem\""), "\(broken.stdout)")
        #expect(broken.stderr.contains("could not fetch the names of offices"), "\(broken.stderr)")
        #expect(try crema.number("SELECT count(*) FROM _fl_outbox") == 0, "the data was pushed")
        #expect(world.proxy.appliedFaults.contains("reset"))

        try world.proxy.heal()
        let healed = try crema.sync()
        #expect(healed.status == 0 && !healed.stdout.contains("directoryProblem"), "\(healed.stdout)")
        #expect(try crema.number("SELECT count(*) FROM _fl_replica WHERE site_id IN ('crema', 'cremona', 'hq')") >= 3)
        let cremonaReplica = try cremona.replicaID()
        #expect(try crema.number("SELECT count(*) FROM _fl_dot_time WHERE replica_id = '\(cremonaReplica)'") == 1)
        let list = try runCommand(Binaries.client, ["conflicts", "list", "--db", crema.path])
        #expect(list.stdout.contains(". cremona, ") && !list.stdout.contains("another office"), "\(list.stdout)")
    }
}
