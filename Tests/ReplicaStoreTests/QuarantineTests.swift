import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// A plain-SQL write the sync cannot carry waits in a quarantine while every other write syncs, and
/// leaves it by itself once corrected.
struct QuarantineTests {
    /// Bad writes offices have made with plain SQL, each to a row that was synced before.
    static let badWrites: [(sql: String, table: String, id: String, column: String)] = [
        ("UPDATE household SET adults = 'two' WHERE id = 'h-1'", "household", "h-1", "adults"),
        ("UPDATE household SET adults = 2.5 WHERE id = 'h-1'", "household", "h-1", "adults"),
        ("UPDATE household SET adults = 1e20 WHERE id = 'h-1'", "household", "h-1", "adults"),
        ("UPDATE household SET site_id = 'cremona' WHERE id = 'h-1'", "household", "h-1", "site_id"),
        ("UPDATE household SET site_id = NULL WHERE id = 'h-1'", "household", "h-1", "site_id"),
        ("INSERT INTO household (id, site_id, code) VALUES ('h-9', 'cremona', 'CR9')", "household", "h-9", "site_id"),
        ("INSERT INTO partner (id, name) VALUES ('', 'Nessuno')", "partner", "", "id"),
        ("INSERT INTO partner (id, name) VALUES ('\(String(repeating: "x", count: 300))', 'Lungo')", "partner",
         String(repeating: "x", count: 300), "id"),
        ("UPDATE lab SET title = hex(randomblob(600000)) WHERE id = 'l-1'", "lab", "l-1", "title"),
        ("UPDATE lab SET title = x'00ff10' WHERE id = 'l-1'", "lab", "l-1", "title"),
        ("UPDATE lab SET title = CAST(x'4361c3' AS TEXT) WHERE id = 'l-1'", "lab", "l-1", "title"),
        ("UPDATE volunteer_hours SET hours = 9e999 WHERE id = 'v-1'", "volunteer_hours", "v-1", "hours"),
    ]

    @Test(arguments: 0..<badWrites.count)
    func aBadWriteIsHeldBackAndTheOfficesOtherWritesStillGo(index: Int) throws {
        let bad = Self.badWrites[index]
        try withTemporaryDirectory { directory in
            let crema = try Self.syncedOffice(in: directory)
            try crema.sql(bad.sql)
            try crema.sql("INSERT INTO partner (id, name) VALUES ('p-good', 'Comune di Crema')")

            let batch = try crema.nextOutboxBatch(limit: 100)

            #expect(batch.keys.map(\.id) == ["p-good"], "\(bad.sql)")
            let held = try crema.quarantinedRows()
            #expect(held.map(\.id) == [bad.id])
            #expect(held.first?.column == bad.column, "\(held)")
            #expect(held.first?.description.contains("correct the row") == true)
        }
    }

    @Test func aCorrectedRowLeavesTheQuarantineAndSyncsItsWholeWrite() throws {
        try withTemporaryDirectory { directory in
            let crema = try Self.syncedOffice(in: directory)
            try crema.sql("UPDATE household SET minors = 3, adults = 'two' WHERE id = 'h-1'")
            _ = try crema.cutLocalVersions()
            #expect(try crema.quarantinedRows().count == 1)

            try crema.sql("UPDATE household SET adults = 2 WHERE id = 'h-1'")
            let batch = try crema.nextOutboxBatch(limit: 100)

            #expect(try crema.quarantinedRows().isEmpty)
            let pushed = try ChangeSetCodec.decode(batch.changeSet, catalog: .farelegami)
            let household = try #require(pushed.rows.first { $0.id == "h-1" })
            // The earlier write held back with it (minors) goes too, though the correction named adults only.
            #expect(household.visibleValues["minors"] == .integer(3))
            #expect(household.visibleValues["adults"] == .integer(2))
        }
    }

    @Test func aPullLeavesAHeldRowAsTheOfficeWroteItAndTheReleaseShowsTheMergedRow() throws {
        try withTemporaryDirectory { directory in
            let crema = try Self.syncedOffice(in: directory)
            let peer = try Replica.fresh(in: directory, "crema-2")
            try crema.send(to: peer)
            try crema.sql("UPDATE lab SET title = x'00ff10' WHERE id = 'l-1'")
            _ = try crema.cutLocalVersions()
            try peer.sql("UPDATE lab SET status = 'closed' WHERE id = 'l-1'")

            try peer.send(to: crema)
            #expect(try crema.connection.query("SELECT typeof(title), status FROM lab WHERE id = 'l-1'")
                == [[.text("blob"), .text("active")]])

            try crema.sql("UPDATE lab SET title = 'Casa comune' WHERE id = 'l-1'")
            _ = try crema.cutLocalVersions()

            #expect(try crema.quarantinedRows().isEmpty)
            #expect(try crema.values("lab", "l-1")?["title"] == .text("Casa comune"))
            #expect(try crema.values("lab", "l-1")?["status"] == .text("closed"))
            let state = try #require(try crema.rowVersion(table: "lab", id: "l-1"))
            #expect(state.visibleValues["title"] == .text("Casa comune"))
            #expect(state.visibleValues["status"] == .text("closed"))
        }
    }

    @Test func theCentralOfficeMayWriteAnySitesRows() throws {
        try withTemporaryDirectory { directory in
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try hq.sql("INSERT INTO household (id, site_id, code) VALUES ('h-1', 'cremona', 'CR1')")
            #expect(try hq.cutLocalVersions() == 1)
            #expect(try hq.quarantinedRows().isEmpty)
        }
    }

    /// A crema replica holding one household, one lab and one volunteer-hours row, all versioned.
    static func syncedOffice(in directory: String) throws -> Replica {
        let crema = try Replica.fresh(in: directory, "crema")
        try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h-1', 'CR1', 1)")
        try crema.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active')")
        try crema.sql("INSERT INTO volunteer_hours (id, volunteer_code, hours) VALUES ('v-1', 'V1', 2.5)")
        _ = try crema.cutLocalVersions()
        try crema.acknowledge(try crema.nextOutboxBatch(limit: 100))
        return crema
    }
}
