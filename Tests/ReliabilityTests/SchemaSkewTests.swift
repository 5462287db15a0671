import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SiteClient
import SyncCore
import Testing

/// A replica on an older schema version meets a newer server: refused, saying to upgrade farelegami,
/// with its unsynced writes kept.
@Suite(.serialized) struct SchemaSkewTests {
    @Test func aReplicaOnAnOlderSchemaIsRefusedByANewerServerWithUpgradeFarelegami() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let (directory, server) = (fixture.directory, fixture.server)
        let older = Catalog(schemaVersion: Catalog.farelegami.schemaVersion - 1, tables: Catalog.farelegami.tables)
        let replica = try Replica.create(path: directory.path("old.sqlite"), site: "crema", catalog: older)
        let settings = SyncSettings(serverURL: server.url, tokenFile: directory.path("crema.token"))
        try settings.save(to: replica)
        try replica.connectionForTests(sql: "INSERT INTO partner (id, name, role) VALUES ('p-old', 'Vecchio', 'partner')")
        do {
            _ = try SyncSession(replica: replica, settings: settings).run()
            Issue.record("the older replica synced")
        } catch {
            #expect(error.description.hasPrefix("upgrade farelegami"), "\(error)")
            #expect(error.description.contains("409") && !error.description.contains("\n"))
        }
        let status = try ReplicaStatus(of: replica)
        #expect(status.unpushed == 1, "the unsynced write must wait in the replica")
    }

    @Test func aReplicaFileOfAnotherSchemaVersionIsRefusedBeforeAnythingIsSent() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let server = fixture.server
        let office = fixture["crema"]
        try office.write("UPDATE _fl_meta SET value = '0' WHERE key = 'schema_version'")
        let refused = try office.sync()
        #expect(refused.status != 0 && refused.errorLines.count == 1)
        #expect(refused.stderr.contains("farelegami upgrade"), "\(refused.stderr)")
        let nothing = try server.command(["audit", "--json"])
        #expect(nothing.stdout.contains("\"entries\" : [\n\n  ]") || !nothing.stdout.contains("\"action\""), "\(nothing.stdout)")
    }
}

extension Replica {
    /// Runs `sql` on the replica file through a second connection, as an application would.
    func connectionForTests(sql: String) throws {
        let connection = try Connection(path: path)
        try connection.execute(sql)
    }
}
