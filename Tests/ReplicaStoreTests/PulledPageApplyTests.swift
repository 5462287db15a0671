import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A pulled page comes with its rows already encoded for storage: a row new here is then written
/// without being looked up first, and a row that has a state falls back to the look-up and the
/// merge. Whatever the mix of new and known rows, the replica ends as a page applied without them leaves it.
struct PulledPageApplyTests {
    @Test func aPageOfNewAndKnownRowsWithTheirEncodedStatesEndsAsItDoesWithoutThem() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let withStates = try Replica.fresh(in: directory, "with-states")
            let withoutStates = try Replica.fresh(in: directory, "without-states")
            for id in ["p-1", "p-2", "p-3"] {
                try office.sql("INSERT INTO partner (id, name, role) VALUES (?1, 'CISVOL', 'partner')", .text(id))
            }
            for peer in [withStates, withoutStates] {
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

            let summaryWithStates = try withStates.apply(PreparedRows(page))
            let summaryWithoutStates = try withoutStates.apply(page)

            #expect(summaryWithStates == summaryWithoutStates)
            #expect(summaryWithStates.changed == 4)
            #expect(summaryWithStates.conflictsOpened == 1)
            #expect(try withStates.rows(of: "partner") == withoutStates.rows(of: "partner"))
            #expect(try withStates.rows(of: "partner").map { $0[0] } == [.text("p-1"), .text("p-2"), .text("p-4"), .text("p-5")])
            #expect(try withStates.openConflicts().map { [$0.rowID, $0.column] } == [["p-2", "name"]])
            #expect(try withoutStates.openConflicts().map { [$0.rowID, $0.column] } == [["p-2", "name"]])
            for id in ["p-4", "p-5"] {
                #expect(try withStates.rowVersion(table: "partner", id: id) == office.rowVersion(table: "partner", id: id))
            }
            let sequences = "SELECT rid, seq FROM _fl_row ORDER BY rid"
            #expect(try withStates.connection.query(sequences) == withoutStates.connection.query(sequences))
        }
    }

    /// A pulled page's domain writes run with the tables' CHECKs off: a value shown in a domain table
    /// must then be one the CHECK takes byte for byte. A canonically equivalent spelling of an allowed
    /// value (a decomposed accent, which Swift's `==` calls equal and the CHECK refuses) is kept in the
    /// row's state and shown as NULL, as a value the enumeration does not allow.
    @Test func aValueTheCheckWouldRefuseIsNeverShownEvenWithTheChecksOff() throws {
        try withTemporaryDirectory { directory in
            let catalog = Catalog(schemaVersion: 1, tables: Catalog.farelegami.tables.map { table in
                guard table.name == "partner" else { return table }
                return TableSpec(
                    table.name, table.privacy,
                    table.columns.dropFirst().map { column in
                        column.name == "role" ? ColumnSpec("role", allowed: ["lead", "partner", "attività"]) : column
                    })
            })
            let replica = try Replica.create(path: directory + "/check.sqlite", site: "crema", catalog: catalog)
            let origin = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
            func row(_ id: String, role: String) -> RowVersion {
                let dot = Dot(replica: origin, counter: 1)
                return RowVersion(
                    table: "partner", id: id, clock: VersionVector([origin: 1]), live: [Sibling(dot: dot, value: .integer(1))],
                    fields: ["site_id": [Sibling(dot: dot, value: .text("hq"))], "name": [Sibling(dot: dot, value: .text(id))],
                             "role": [Sibling(dot: dot, value: .text(role))]])
            }
            let decomposed = "attivita\u{300}"
            #expect(decomposed == "attività", "Swift calls the two spellings equal")
            try replica.apply(PreparedRows([row("p-1", role: "attività"), row("p-2", role: decomposed)]))
            let roles = try replica.connection.query("SELECT id, role FROM partner ORDER BY id")
            #expect(roles == [[.text("p-1"), .text("attività")], [.text("p-2"), .null]])
            #expect(try replica.rowVersion(table: "partner", id: "p-2")?.fields["role"]?.first?.value == .text(decomposed))
            let check = try replica.connection.query("PRAGMA integrity_check")
            #expect(check == [[.text("ok")]])
        }
    }
}
