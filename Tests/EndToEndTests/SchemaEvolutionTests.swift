import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A catalog version published by the central office reaches every office at its next sync, while an
/// office offline on the old version keeps syncing and loses nothing (protocol/SYNC.md, "Schema
/// versions"): the real server and real `farelegami` processes.
@Suite(.serialized) struct SchemaEvolutionTests {
    @Test func aPublishedVersionReachesEveryOfficeAndOneStillOnTheOldVersionLosesNothing() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (crema, cremona, hq) = (fixture["crema"], fixture["cremona"], fixture["hq"])
        try crema.write("""
            INSERT INTO household (id, code, adults) VALUES ('h-1', 'CR-1', 2);
            INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Orti', 'active');
            """)
        try cremona.write("INSERT INTO household (id, code, adults) VALUES ('h-2', 'CM-2', 1)")
        for office in [crema, cremona, hq, crema, cremona] { try office.syncOrThrow() }

        // Cremona goes offline with writes it has not synced.
        try cremona.write("""
            UPDATE lab SET title = 'Orti condivisi' WHERE id = 'l-1';
            INSERT INTO household (id, code, adults) VALUES ('h-3', 'CM-3', 4);
            """)

        // The central office publishes version 2: a column, a table, an enumeration value.
        let file = fixture.directory.path("catalog-v2.json")
        try Self.version2().write(to: URL(fileURLWithPath: file))
        let published = try fixture.server.command(["schema", "publish", file])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("new column household.housing"), "\(published.stdout)")
        #expect(published.stdout.contains("new table home_visit"), "\(published.stdout)")

        // Crema moves at its next sync and writes with the new shape.
        let moved = try crema.sync()
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("moved to schema version 2"), "\(moved.stdout)")
        try crema.write("""
            UPDATE household SET housing = 'affitto' WHERE id = 'h-1';
            UPDATE lab SET status = 'suspended' WHERE id = 'l-1';
            INSERT INTO home_visit (id, household_id, visited_on, notes) VALUES ('v-1', 'h-1', '2026-12-01', 'tutto bene');
            """)
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try hq.rows("household", where: "id = 'h-1' AND housing = 'affitto'").count == 1)
        #expect(try hq.rows("home_visit", where: "id = 'v-1' AND household_id = 'h-1'").count == 1)
        try hq.write("UPDATE household SET housing = 'casa popolare' WHERE id = 'h-2'")
        try hq.syncOrThrow()

        // Cremona comes back still on version 1: it pushes what it wrote, and pulls rows as version 1 holds them.
        let back = try cremona.sync(["--stay-on-schema"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try cremona.number("PRAGMA user_version") == 1)
        #expect(try cremona.rows("lab", where: "id = 'l-1' AND title = 'Orti condivisi' AND status IS NULL").count == 1,
            "a value its version cannot hold shows as empty")
        // It edits other fields of rows whose new values it cannot hold.
        try cremona.write("""
            UPDATE lab SET area = 'Centro' WHERE id = 'l-1';
            UPDATE household SET adults = 5 WHERE id = 'h-2';
            """)
        try cremona.syncOrThrow(["--stay-on-schema"])
        try hq.syncOrThrow()
        #expect(try hq.rows("lab", where: "id = 'l-1' AND title = 'Orti condivisi' AND area = 'Centro' AND status = 'suspended'").count == 1,
            "the older office's edits arrive and the value it could not hold stays")
        #expect(try hq.rows("household", where: "id = 'h-2' AND adults = 5 AND housing = 'casa popolare'").count == 1,
            "the newer column is not lost when the older office edits another field")
        #expect(try hq.rows("household", where: "id = 'h-3'").count == 1)

        // A household deleted on version 1 is deleted whole, its newer column included: no conflict.
        // One whose newer column was edited meanwhile (unseen by the delete) is a contested delete.
        try cremona.write("INSERT INTO household (id, code, adults) VALUES ('h-4', 'CM-4', 1), ('h-5', 'CM-5', 2)")
        try cremona.syncOrThrow(["--stay-on-schema"])
        try hq.syncOrThrow()
        try hq.write("UPDATE household SET housing = 'affitto' WHERE id IN ('h-4', 'h-5')")
        try hq.syncOrThrow()
        try cremona.syncOrThrow(["--stay-on-schema"])
        try hq.write("UPDATE household SET housing = 'sfratto' WHERE id = 'h-5'")
        try hq.syncOrThrow()
        try cremona.write("DELETE FROM household WHERE id IN ('h-4', 'h-5')")
        try cremona.syncOrThrow(["--stay-on-schema"])
        try hq.syncOrThrow()
        #expect(try hq.rows("household", where: "id IN ('h-4', 'h-5')").isEmpty)
        #expect(try hq.number("SELECT count(*) FROM _fl_conflict WHERE rid = 'h-4'") == 0,
            "a delete on the older version that saw the newer column's value is no conflict")
        #expect(try hq.number("SELECT count(*) FROM _fl_conflict WHERE rid = 'h-5' AND col = '_live'") == 1,
            "an edit of the newer column the delete did not see contests it")

        let list = try fixture.server.command(["schema", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("version 1: 17 tables, 1 replica(s)") && list.stdout.contains("(cremona)"), "\(list.stdout)")
        #expect(list.stdout.contains("version 2 (current)"), "\(list.stdout)")
        let status = try fixture.server.command(["status"])
        #expect(status.stdout.contains("still on an older schema version"), "\(status.stdout)")

        // Cremona then moves to version 2: what it was not sent arrives.
        let upgraded = try cremona.sync()
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(upgraded.stdout.contains("moved to schema version 2"), "\(upgraded.stdout)")
        #expect(try cremona.rows("household", where: "id = 'h-2' AND housing = 'casa popolare' AND adults = 5").count == 1)
        #expect(try cremona.rows("lab", where: "id = 'l-1' AND status = 'suspended' AND area = 'Centro'").count == 1)
        #expect(try cremona.rows("home_visit").isEmpty, "crema's visit is crema's: site-class rows stay at their site")
        #expect(try cremona.integrity() == "ok")

        // Everything converges: every row each office holds is in the same state everywhere.
        for office in [crema, hq, cremona, crema] { try office.syncOrThrow() }
        for table in ["household", "lab", "home_visit"] {
            let central = try hq.states(table)
            for office in [crema, cremona] {
                for (id, state) in try office.states(table) {
                    #expect(central[id] == state, "\(office.site) \(table)/\(id) differs from hq's")
                }
            }
        }
        #expect(try crema.rows("lab", where: "id = 'l-1' AND area = 'Centro' AND title = 'Orti condivisi'").count == 1)
    }

    /// An office with no network at all: the central office writes the published catalog to a file,
    /// the office moves with it, and then imports the central office's change-set file of that version.
    @Test func anOfficeWithNoNetworkMovesByFileAndThenImportsTheNewerChangeSet() throws {
        let fixture = try SyncFixture(sites: ["cremona", "hq"])
        defer { fixture.close() }
        let (cremona, hq) = (fixture["cremona"], fixture["hq"])
        try cremona.write("INSERT INTO household (id, code, adults) VALUES ('h-9', 'CM-9', 2)")
        for office in [cremona, hq] { try office.syncOrThrow() }
        let published = fixture.directory.path("catalog-v2.json")
        try Self.version2().write(to: URL(fileURLWithPath: published))
        #expect(try fixture.server.command(["schema", "publish", published]).status == 0)
        try hq.syncOrThrow()
        try hq.write("UPDATE household SET housing = 'affitto' WHERE id = 'h-9'")
        let relay = fixture.directory.path("from-hq.json")
        let exported = try runCommand(Binaries.client, ["changes", "export", "--db", hq.path, "--out", relay, "--for", "cremona"])
        #expect(exported.status == 0, "\(exported.stderr)")

        // Cremona, offline on version 1, cannot take the file yet and is told how to move.
        let early = try runCommand(Binaries.client, ["changes", "import", "--db", cremona.path, relay])
        #expect(early.status != 0 && early.errorLines.count == 1, "\(early.stderr)")

        let shown = try fixture.server.command(["schema", "show"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let carried = fixture.directory.path("carried-v2.json")
        try shown.stdout.write(toFile: carried, atomically: true, encoding: .utf8)
        let missing = try fixture.server.command(["schema", "show", "--version", "7"])
        #expect(missing.status != 0 && missing.stderr.contains("version 7 was never published"), "\(missing.stderr)")
        let garbage = fixture.directory.path("garbage.json")
        try "{ no".write(toFile: garbage, atomically: true, encoding: .utf8)
        let refused = try runCommand(Binaries.client, ["schema", "upgrade", "--db", cremona.path, "--catalog", garbage])
        #expect(refused.status != 0 && refused.errorLines.count == 1 && refused.stderr.contains("not a catalog file"),
            "\(refused.stderr)")
        #expect(try cremona.number("PRAGMA user_version") == 1, "a refused file changes nothing")

        let moved = try runCommand(Binaries.client, ["schema", "upgrade", "--db", cremona.path, "--catalog", carried])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("moved to schema version 2"), "\(moved.stdout)")
        #expect(try cremona.number("PRAGMA user_version") == 2)
        let imported = try runCommand(Binaries.client, ["changes", "import", "--db", cremona.path, relay])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try cremona.rows("household", where: "id = 'h-9' AND housing = 'affitto'").count == 1)
        let again = try runCommand(Binaries.client, ["schema", "upgrade", "--db", cremona.path, "--catalog", carried])
        #expect(again.status != 0 && again.stderr.contains("nothing to move to"), "\(again.stderr)")

        // Back online, it syncs on version 2 like the others.
        try cremona.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try hq.rows("household", where: "id = 'h-9' AND housing = 'affitto'").count == 1)
    }

    /// A catalog file that is not the published one (here a label edited by hand) moves the replica,
    /// which cannot tell offline; its next sync finds out before pushing anything and stops.
    @Test func aReplicaMovedWithACatalogTheServerDidNotPublishPushesNothing() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        try crema.syncOrThrow()
        let published = fixture.directory.path("catalog-v2.json")
        try Self.version2().write(to: URL(fileURLWithPath: published))
        #expect(try fixture.server.command(["schema", "publish", published]).status == 0)
        var document = try JSONSerialization.jsonObject(with: Self.version2()) as! [String: Any]
        Self.editColumn(&document, table: "household", column: "housing") { $0["label"] = ["it": "Casa", "en": "Home"] }
        let edited = fixture.directory.path("edited-v2.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: edited))

        let moved = try runCommand(Binaries.client, ["schema", "upgrade", "--db", crema.path, "--catalog", edited])
        #expect(moved.status == 0, "\(moved.stderr)")
        try crema.write("INSERT INTO household (id, code, adults) VALUES ('h-e', 'CR-E', 1)")
        let refused = try crema.sync()
        #expect(refused.status != 0 && refused.errorLines.count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("not the one the central office published as version 2"), "\(refused.stderr)")
        #expect(try fixture.server.command(["status"]).status == 0)
        try fixture["hq"].syncOrThrow()
        #expect(try fixture["hq"].rows("household", where: "id = 'h-e'").isEmpty, "nothing was pushed")
    }

    @Test func badCatalogsAndReplicasFromTheFutureAreRefusedWithOneLineChangingNothing() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        try fixture["crema"].syncOrThrow()
        let directory = fixture.directory
        func publish(_ name: String, _ edit: (inout [String: Any]) -> Void) throws -> CommandResult {
            var document = try JSONSerialization.jsonObject(with: Self.version2()) as! [String: Any]
            edit(&document)
            let path = directory.path(name)
            try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
            return try fixture.server.command(["schema", "publish", path])
        }
        let garbage = directory.path("garbage.json")
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: garbage))
        let invalid = try fixture.server.command(["schema", "publish", garbage])
        #expect(invalid.status != 0 && invalid.errorLines.count == 1, "\(invalid.stderr)")
        #expect(invalid.stderr.contains("not a catalog file"), "\(invalid.stderr)")

        let narrowed = try publish("narrowed.json") { document in
            Self.editColumn(&document, table: "lab", column: "status") { $0["allowed"] = ["planned", "active"] }
        }
        #expect(narrowed.status != 0 && narrowed.errorLines.count == 1, "\(narrowed.stderr)")
        #expect(narrowed.stderr.contains("no longer allows closed"), "\(narrowed.stderr)")

        let dropped = try publish("dropped.json") { document in
            Self.editTable(&document, table: "household") { table in
                table["columns"] = (table["columns"] as! [[String: Any]]).filter { $0["name"] as? String != "referral_source" }
            }
        }
        #expect(dropped.status != 0 && dropped.stderr.contains("without being retired first"), "\(dropped.stderr)")

        let retyped = try publish("retyped.json") { document in
            Self.editColumn(&document, table: "household", column: "adults") { $0["type"] = "text" }
        }
        #expect(retyped.status != 0 && retyped.stderr.contains("changes type"), "\(retyped.stderr)")

        // Retiring is a step; dropping the retired column is refused while a replica on version 1 (crema) still uses it.
        let retired = try publish("retired.json") { document in
            Self.editColumn(&document, table: "household", column: "referral_source") { $0["retired"] = true }
        }
        #expect(retired.status == 0, "\(retired.stderr)")
        let strands = try publish("v3.json") { document in
            document["version"] = 3
            Self.editTable(&document, table: "household") { table in
                table["columns"] = (table["columns"] as! [[String: Any]]).filter { $0["name"] as? String != "referral_source" }
            }
        }
        #expect(strands.status != 0 && strands.stderr.contains("still in use on replica"), "\(strands.stderr)")
        #expect(strands.stderr.contains("crema"), "it names the replicas it would strand: \(strands.stderr)")
        let list = try fixture.server.command(["schema", "list"])
        #expect(!list.stdout.contains("version 3"), "nothing was stored: \(list.stdout)")

        // A replica file from the future: its catalog is written in a form this build cannot read.
        let crema = fixture["crema"]
        try crema.write("UPDATE _fl_meta SET value = replace(value, '\"formatVersion\":1', '\"formatVersion\":99') WHERE key = 'catalog'")
        let before = try Data(contentsOf: URL(fileURLWithPath: crema.path))
        let opened = try runCommand(Binaries.client, ["status", "--db", crema.path])
        #expect(opened.status != 0 && opened.errorLines.count == 1, "\(opened.stderr)")
        #expect(opened.stderr.contains("made by a newer farelegami"), "\(opened.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: crema.path)) == before, "the file is not changed")
    }

    /// The built-in catalog with, as version 2: household.housing, the site-class table home_visit,
    /// and 'suspended' among the lab statuses.
    static func version2() throws -> Data {
        var document = try JSONSerialization.jsonObject(with: Catalog.farelegami.document.encoded()) as! [String: Any]
        document["version"] = 2
        editTable(&document, table: "household") { table in
            table["columns"] = (table["columns"] as! [[String: Any]]) + [
                ["name": "housing", "type": "text", "label": ["it": "Situazione abitativa", "en": "Housing"]]
            ]
        }
        editColumn(&document, table: "lab", column: "status") { column in
            column["allowed"] = (column["allowed"] as! [String]) + ["suspended"]
        }
        var tables = document["tables"] as! [[String: Any]]
        tables.append([
            "name": "home_visit", "privacy": "site", "label": ["it": "Visita a domicilio", "en": "Home visit"],
            "pluralLabel": ["it": "Visite a domicilio", "en": "Home visits"],
            "columns": [
                ["name": "household_id", "references": "household"], ["name": "visited_on"], ["name": "notes"],
            ],
        ])
        document["tables"] = tables
        return try JSONSerialization.data(withJSONObject: document)
    }

    static func editTable(_ document: inout [String: Any], table name: String, _ edit: (inout [String: Any]) -> Void) {
        var tables = document["tables"] as! [[String: Any]]
        let index = tables.firstIndex { $0["name"] as? String == name }!
        edit(&tables[index])
        document["tables"] = tables
    }

    static func editColumn(
        _ document: inout [String: Any], table: String, column name: String, _ edit: (inout [String: Any]) -> Void
    ) {
        editTable(&document, table: table) { table in
            var columns = table["columns"] as! [[String: Any]]
            let index = columns.firstIndex { $0["name"] as? String == name }!
            edit(&columns[index])
            table["columns"] = columns
        }
    }
}
