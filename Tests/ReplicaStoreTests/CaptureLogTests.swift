import Foundation
@testable import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// The capture triggers append every write to `_fl_log`; a cut folds a row's entries into one
/// version: the columns any of its writes changed, or the whole row when one inserted or deleted it.
struct CaptureLogTests {
    @Test func severalWritesOfARowBetweenTwoCutsMakeOneVersionOfTheColumnsTheyChanged() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            try replica.sql("INSERT INTO partner (id, name, legal_form, role) VALUES ('p-1', 'CISVOL', 'associazione', 'partner')")
            try replica.cutLocalVersions()
            try replica.sql("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p-1'")
            try replica.sql("UPDATE partner SET role = 'lead' WHERE id = 'p-1'")
            try replica.sql("UPDATE partner SET name = 'CISVOL Crema' WHERE id = 'p-1'")
            #expect(try replica.connection.query("SELECT count(*) FROM _fl_log")[0][0] == .integer(3))

            #expect(try replica.cutLocalVersions() == 1)

            #expect(try replica.connection.query("SELECT count(*) FROM _fl_log")[0][0] == .integer(0))
            let state = try #require(try replica.exportChangeSet(since: 0).rows.first { $0.id == "p-1" })
            let dots = state.fields.mapValues { Set($0.map(\.dot.counter)) }
            #expect(dots["name"] == [2] && dots["role"] == [2], "the columns the writes changed have the new version")
            #expect(dots["legal_form"] == [1], "a column no write changed keeps its version")
            #expect(state.visibleValues["name"] == .text("CISVOL Crema"))
        }
    }

    @Test func anInsertOrDeleteAmongARowsWritesVersionsTheWholeRow() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            try replica.sql("INSERT INTO partner (id, name, role) VALUES ('p-1', 'CISVOL', 'partner')")
            try replica.sql("UPDATE partner SET role = 'lead' WHERE id = 'p-1'")
            try replica.sql("INSERT INTO partner (id, name, role) VALUES ('p-2', 'Arci', 'partner')")
            try replica.cutLocalVersions()
            try replica.sql("UPDATE partner SET role = 'supporter' WHERE id = 'p-2'")
            try replica.sql("DELETE FROM partner WHERE id = 'p-2'")

            #expect(try replica.cutLocalVersions() == 1)

            let rows = try replica.exportChangeSet(since: 0).rows
            let first = try #require(rows.first { $0.id == "p-1" })
            #expect(first.isLive && first.visibleValues["role"] == .text("lead"))
            let second = try #require(rows.first { $0.id == "p-2" })
            #expect(!second.isLive, "the delete after an update versions the row as deleted")
            #expect(second.fields["name"]?.map(\.value) == [.null])
        }
    }

    /// A log longer than one fold chunk (`Replica.captureLogChunk`): a row's insert and its update
    /// fall in different chunks and still make one version holding both.
    @Test func aLogLongerThanOneFoldChunkFoldsEveryRowOnce() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            let rows = Int(Replica.captureLogChunk) * 3 / 5
            try replica.sql("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
                INSERT INTO partner (id, site_id, name, role) SELECT 'p-' || i, 'crema', 'Partner ' || i, 'partner' FROM n
                """)
            try replica.sql("UPDATE partner SET role = 'lead'")
            #expect(try replica.connection.query("SELECT count(*) FROM _fl_log")[0][0] == .integer(Int64(rows * 2)))

            #expect(try replica.cutLocalVersions() == rows)

            let leads = try replica.exportChangeSet(since: 0).rows.filter { $0.visibleValues["role"] == .text("lead") }
            #expect(leads.count == rows)
            #expect(try replica.connection.query("SELECT count(*) FROM _fl_log")[0][0] == .integer(0))
            #expect(try replica.connection.query("SELECT count(*) FROM _fl_dirty")[0][0] == .integer(0))
        }
    }

    /// A replica made before the capture log: its triggers wrote `_fl_dirty` directly. Opening it
    /// creates the log and today's triggers; what the older triggers recorded is still cut.
    @Test func aReplicaFromBeforeTheLogKeepsItsPendingWritesAndCapturesIntoTheLog() throws {
        try withTemporaryDirectory { directory in
            let path: String
            do {
                let old = try Replica.fresh(in: directory, "old")
                try old.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'CISVOL')")
                try old.cutLocalVersions()
                path = old.path
            }
            let older = try Connection(path: path)
            for trigger in try older.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'partner'") {
                try older.execute("DROP TRIGGER \(trigger[0].text!)")
            }
            try older.execute("""
                DROP TABLE _fl_log;
                CREATE TRIGGER _fl_partner_insert AFTER INSERT ON partner BEGIN
                    INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('partner', NEW.id, -1)
                        ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;
                END;
                CREATE TRIGGER _fl_partner_update AFTER UPDATE ON partner BEGIN
                    INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('partner', NEW.id, 2)
                        ON CONFLICT (tbl, rid) DO UPDATE SET mask = mask | excluded.mask;
                END;
                CREATE TRIGGER _fl_partner_rekey AFTER UPDATE OF id ON partner WHEN OLD.id IS NOT NEW.id BEGIN
                    INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('partner', OLD.id, -1)
                        ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;
                END;
                CREATE TRIGGER _fl_partner_delete AFTER DELETE ON partner BEGIN
                    INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('partner', OLD.id, -1)
                        ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;
                END;
                UPDATE partner SET name = 'CISVOL Crema' WHERE id = 'p-1';
                """)
            #expect(try older.query("SELECT rid, mask FROM _fl_dirty") == [[.text("p-1"), .integer(2)]])

            let reopened = try Replica(path: path)
            #expect(reopened.captureRepair?.missing == [] && reopened.captureRepair?.replaced.count == 4)
            try reopened.sql("INSERT INTO partner (id, name) VALUES ('p-2', 'Arci')")

            #expect(try reopened.connection.query("SELECT DISTINCT rid FROM _fl_log") == [[.text("p-2")]])
            #expect(try reopened.cutLocalVersions() == 2)
            let rows = try reopened.exportChangeSet(since: 0).rows
            #expect(rows.first { $0.id == "p-1" }?.visibleValues["name"] == .text("CISVOL Crema"))
            #expect(rows.contains { $0.id == "p-2" })
            #expect(try reopened.connection.query("SELECT count(*) FROM _fl_dirty")[0][0] == .integer(0))
        }
    }
}
