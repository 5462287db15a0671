import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A pulled page comes with each row's JSON: a row new here is then written without being looked
/// up first, and a row that has a state falls back to the look-up and the merge. Whatever the mix
/// of new and known rows, the replica ends as a page applied without the JSON leaves it.
struct PulledPageApplyTests {
    @Test func aPageOfNewAndKnownRowsWithTheirJSONEndsAsItDoesWithoutIt() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let withJSON = try Replica.fresh(in: directory, "with-json")
            let withoutJSON = try Replica.fresh(in: directory, "without-json")
            for id in ["p-1", "p-2", "p-3"] {
                try office.sql("INSERT INTO partner (id, name, role) VALUES (?1, 'CISVOL', 'partner')", .text(id))
            }
            for peer in [withJSON, withoutJSON] {
                try office.send(to: peer)
                try peer.sql("UPDATE partner SET name = 'Peer name' WHERE id = 'p-2'")
            }
            try office.sql("UPDATE partner SET name = 'Office name' WHERE id = 'p-2'")
            try office.sql("DELETE FROM partner WHERE id = 'p-3'")
            try office.sql("INSERT INTO partner (id, name, role) VALUES ('p-4', 'Iride', 'lead')")
            try office.sql("INSERT INTO partner (id, name, role) VALUES ('p-5', 'Arcobaleno', 'supporter')")
            let byID = Dictionary(uniqueKeysWithValues: try office.exportChangeSet().rows.map { ($0.id, $0) })
            // New, known and unchanged, new, known and concurrent, the first again, known and deleted.
            let page = ["p-4", "p-1", "p-5", "p-2", "p-4", "p-3"].map { byID[$0]! }

            let summaryWithJSON = try withJSON.apply(page, json: page.map(RowVersionJSON.encode))
            let summaryWithoutJSON = try withoutJSON.apply(page)

            #expect(summaryWithJSON == summaryWithoutJSON)
            #expect(summaryWithJSON.changed == 4)
            #expect(summaryWithJSON.conflictsOpened == 1)
            #expect(try withJSON.rows(of: "partner") == withoutJSON.rows(of: "partner"))
            #expect(try withJSON.rows(of: "partner").map { $0[0] } == [.text("p-1"), .text("p-2"), .text("p-4"), .text("p-5")])
            #expect(try withJSON.openConflicts().map { [$0.rowID, $0.column] } == [["p-2", "name"]])
            #expect(try withoutJSON.openConflicts().map { [$0.rowID, $0.column] } == [["p-2", "name"]])
            for id in ["p-4", "p-5"] {
                #expect(try withJSON.rowVersion(table: "partner", id: id) == office.rowVersion(table: "partner", id: id))
            }
            let sequences = "SELECT rid, seq FROM _fl_row ORDER BY rid"
            #expect(try withJSON.connection.query(sequences) == withoutJSON.connection.query(sequences))
        }
    }
}
