import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SiteClient
import SyncCore
import Testing

/// A replica on a schema version the server does not have, or a file whose version disagrees with
/// its catalog: refused in one line, with its unsynced writes kept.
@Suite(.serialized) struct SchemaSkewTests {
    @Test func aReplicaOnAVersionTheServerNeverPublishedIsRefusedAndItsWritesWait() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let (directory, server) = (fixture.directory, fixture.server)
        let newer = Catalog(schemaVersion: Catalog.farelegami.schemaVersion + 1, tables: Catalog.farelegami.tables)
        let replica = try Replica.create(path: directory.path("new.sqlite"), site: "crema", catalog: newer)
        let settings = SyncSettings(serverURL: server.url, tokenFile: directory.path("crema.token"))
        try settings.save(to: replica)
        try replica.connectionForTests(sql: "INSERT INTO partner (id, name, role) VALUES ('p-new', 'Nuovo', 'partner')")
        do {
            _ = try SyncSession(replica: replica, settings: settings).run()
            Issue.record("a replica on a version the server never published synced")
        } catch {
            #expect(error.description.contains("farelegami-server schema publish"), "\(error)")
            #expect(error.description.contains("409") && !error.description.contains("\n"))
        }
        let status = try ReplicaStatus(of: replica)
        #expect(status.unpushed == 1, "the unsynced write must wait in the replica")
    }

    @Test func aReplicaFileWhoseVersionDisagreesWithItsCatalogIsRefusedBeforeAnythingIsSent() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let server = fixture.server
        let office = fixture["crema"]
        try office.write("UPDATE _fl_meta SET value = '0' WHERE key = 'schema_version'")
        let refused = try office.sync()
        #expect(refused.status != 0 && refused.errorLines.count == 1)
        #expect(refused.stderr.contains("is not a FareLegami replica"), "\(refused.stderr)")
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
