import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import Testing

/// Tombstones are kept forever: a replica offline for any time that still holds a deleted row live
/// cannot bring it back.
@Suite(.serialized) struct TombstoneTests {
    @Test(arguments: [false, true])
    func aDeletedRowNeverComesBackFromALongOfflineReplicaThatStillHasItLive(editedOffline: Bool) throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        try hq.write("INSERT INTO partner (id, name, role) VALUES ('p-gone', 'Chiuso', 'partner')")
        for office in [hq, crema, cremona] { try office.syncOrThrow() }

        // cremona goes offline for a long time, still holding p-gone live.
        try hq.write("DELETE FROM partner WHERE id = 'p-gone'")
        try hq.syncOrThrow()
        for round in 0..<5 {
            try crema.write(ProcessFaultTests.inserts(prefix: "later\(round)-", count: 30))
            try crema.syncOrThrow()
            try hq.syncOrThrow()
        }
        #expect(try crema.rows("partner", where: "id = 'p-gone'").isEmpty)
        #expect(try cremona.rows("partner", where: "id = 'p-gone'").count == 1)
        if editedOffline { try cremona.write("UPDATE partner SET name = 'Riaperto?' WHERE id = 'p-gone'") }

        for _ in 0..<2 { for office in [cremona, crema, hq] { try office.syncOrThrow() } }
        for office in [crema, cremona, hq] {
            #expect(try office.rows("partner", where: "id = 'p-gone'").isEmpty, "\(office.site) resurrected p-gone")
            #expect(try office.rows("partner") == hq.rows("partner"))
        }
        let conflicts = try Replica(path: hq.path).openConflicts().filter { $0.rowID == "p-gone" }
        #expect(conflicts.isEmpty == !editedOffline, "an offline edit of a deleted row must show as a conflict")
        let tombstones = try Connection(path: server.database, readOnly: true).query(
            "SELECT count(*) FROM rows WHERE tbl = 'partner' AND rid = 'p-gone'")
        #expect(tombstones.first?.first?.integer == 1, "the server dropped the tombstone")
    }
}

/// Column names of a table, in order.
enum SQLiteColumns {
    static func names(of table: String, in path: String) throws -> [String] {
        try Connection(path: path, readOnly: true).query("PRAGMA table_info(\(table))").compactMap { $0[1].text }
    }
}
