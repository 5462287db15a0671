import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A capture trigger dropped behind the engine's back (as a table-rebuild procedure does) is found
/// when the replica is opened or synced, recreated, and the writes it missed are versioned.
struct CaptureCheckTests {
    @Test func aDroppedUpdateTriggerIsRecreatedOnOpenAndTheUpdatesItMissedAreQueued() throws {
        try withTemporaryDirectory { directory in
            let path: String
            do {
                let replica = try Replica.fresh(in: directory, "crema")
                try replica.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Casa', 'active')")
                try replica.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-2', 'housing', 'Orti', 'active')")
                _ = try replica.exportChangeSet()  // cut: both labs versioned
                path = replica.path
            }
            // Another program rebuilds the table's triggers and forgets one, then writes.
            let other = try Connection(path: path)
            try other.execute("DROP TRIGGER _fl_lab_update")
            try other.execute("UPDATE lab SET title = 'Casa comune' WHERE id = 'l-1'")
            #expect(try other.query("SELECT count(*) FROM _fl_log")[0][0] == .integer(0))

            let reopened = try Replica(path: path)

            let repair = try #require(reopened.captureRepair)
            #expect(repair.missing == ["_fl_lab_update"])
            #expect(repair.versionsQueued == 1)
            #expect(repair.notice?.contains("lab") == true)
            let exported = try reopened.exportChangeSet(since: 0)
            let lab = try #require(exported.rows.first { $0.table == "lab" && $0.id == "l-1" })
            #expect(lab.visibleValues["title"] == .text("Casa comune"))
            // Writes are captured again.
            try other.execute("UPDATE lab SET title = 'Orti urbani' WHERE id = 'l-2'")
            #expect(try other.query("SELECT tbl, rid FROM _fl_log") == [[.text("lab"), .text("l-2")]])
        }
    }

    @Test func aDroppedDeleteTriggerIsRecreatedAndTheMissedDeleteIsVersioned() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            try replica.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'CISVOL')")
            _ = try replica.exportChangeSet()
            try replica.connection.execute("DROP TRIGGER _fl_partner_delete")
            try replica.sql("DELETE FROM partner WHERE id = 'p-1'")

            let repair = try #require(try replica.checkCapture())

            #expect(repair.missing == ["_fl_partner_delete"])
            #expect(repair.versionsQueued == 1)
            let row = try #require(try replica.exportChangeSet().rows.first { $0.id == "p-1" })
            #expect(!row.isLive)
        }
    }

    @Test func checkingAReplicaWithTodaysTriggersChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            try replica.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'CISVOL')")
            let before = try replica.snapshot()

            #expect(try replica.checkCapture() == nil)
            #expect(try replica.snapshot() == before)
        }
    }
}
