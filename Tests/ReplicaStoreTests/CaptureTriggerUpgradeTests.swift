import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import Testing

/// A replica whose capture triggers are of the older form (each write asked `_fl_capture` whether to
/// capture) gets today's triggers when it is opened, and keeps capturing every write.
struct CaptureTriggerUpgradeTests {
    @Test func openingAReplicaWithOlderTriggersReplacesThemAndWritesAreStillCaptured() throws {
        try withTemporaryDirectory { directory in
            let today = try triggers(of: Replica.fresh(in: directory, "today"))
            let path: String
            do {
                let old = try Replica.fresh(in: directory, "old")
                try old.connection.execute("DROP TRIGGER _fl_partner_insert")
                try old.connection.execute("""
                    CREATE TRIGGER _fl_partner_insert AFTER INSERT ON partner
                    WHEN (SELECT capture FROM _fl_capture WHERE id = 1) BEGIN
                        INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('partner', NEW.id, -1)
                            ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;
                    END
                    """)
                #expect(try triggers(of: old) != today)
                path = old.path
            }

            let reopened = try Replica(path: path)

            #expect(try triggers(of: reopened) == today)
            try reopened.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'CISVOL')")
            // Recorded as an insert (the site the insert trigger then sets is one more entry).
            #expect(try reopened.connection.query("SELECT tbl, rid, min(mask) FROM _fl_log GROUP BY tbl, rid")
                == [[.text("partner"), .text("p-1"), .integer(-1)]])
            // Today's insert trigger also gives the row its site, which the older one here did not.
            #expect(try reopened.values("partner", "p-1")?["site_id"] == .text("crema"))
        }
    }

    @Test func openingAReplicaWithTodaysTriggersLeavesThemAsTheyAre() throws {
        try withTemporaryDirectory { directory in
            let path = try Replica.fresh(in: directory, "today").path
            let before = try Connection(path: path).query("SELECT name, sql FROM sqlite_master ORDER BY name")
            _ = try Replica(path: path)
            #expect(try Connection(path: path).query("SELECT name, sql FROM sqlite_master ORDER BY name") == before)
        }
    }

    /// Before rows took their parent's site, a person the central office added to an office's
    /// household kept the central office's site. Opening such a replica installs today's triggers and
    /// moves the row to the household's site, as a captured write the next sync delivers.
    @Test func openingAReplicaWithTriggersThatIgnoredTheParentMovesMisplacedRowsToTheirParentsSite() throws {
        try withTemporaryDirectory { directory in
            let path: String
            do {
                let old = try Replica.fresh(in: directory, "old", site: "hq")
                try old.connection.execute("""
                    DROP TRIGGER _fl_person_insert;
                    DROP TRIGGER _fl_person_site;
                    CREATE TRIGGER _fl_person_insert AFTER INSERT ON person BEGIN
                        INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('person', NEW.id, -1) ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;
                        UPDATE person SET site_id = (SELECT site_id FROM _fl_capture WHERE id = 1)
                            WHERE id = NEW.id AND NEW.site_id IS NULL;
                    END;
                    """)
                try old.sql("INSERT INTO household (id, site_id) VALUES ('hh-1', 'crema')")
                try old.sql("INSERT INTO person (id, household_id) VALUES ('person-1', 'hh-1')")
                #expect(try old.values("person", "person-1")?["site_id"] == .text("hq"))
                _ = try old.cutLocalVersions()
                path = old.path
            }

            let reopened = try Replica(path: path)

            #expect(try triggers(of: reopened) == triggers(of: Replica.fresh(in: directory, "today")))
            #expect(try reopened.values("person", "person-1")?["site_id"] == .text("crema"))
            // The move is a write like any other: the next push carries it (cut at once here, since a
            // trigger of the table was missing, or at the next sync).
            let pending = try reopened.exportChangeSet().rows.first { $0.table == "person" && $0.id == "person-1" }
            #expect(pending?.visibleValues["site_id"] == .text("crema"))
            #expect(try reopened.unpushedCount() == 2)
        }
    }

    private func triggers(of replica: Replica) throws -> [[SQLValue]] {
        try replica.connection.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    }
}
