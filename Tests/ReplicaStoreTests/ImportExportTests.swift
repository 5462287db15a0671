import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// Change sets between replicas: idempotent imports, versions cut per sync rather than per statement,
/// and rows that name their site.
@Suite struct ImportExportTests {
    @Test func importingTheSameFileTwiceChangesNothingTheSecondTime() throws {
        try withTemporaryDirectory { directory in
            let source = try Replica.fresh(in: directory, "source")
            let target = try Replica.fresh(in: directory, "target")
            try source.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try source.sql("INSERT INTO partner (id, name, role) VALUES ('p1', 'Concass', 'lead')")
            try source.sql("INSERT INTO partner (id, name, role) VALUES ('p2', 'CISVOL', 'partner')")
            try source.send(to: target)
            try source.sql("UPDATE partner SET role = 'supporter' WHERE id = 'p1'")
            try source.sql("DELETE FROM partner WHERE id = 'p2'")
            try target.sql("UPDATE partner SET role = 'partner' WHERE id = 'p1'")
            try target.sql("INSERT INTO household (id, code, adults) VALUES ('h2', 'B2', 1)")
            try target.cutLocalVersions()
            let file = ChangeSetCodec.encode(try source.exportChangeSet())

            let first = try target.importChangeSet(file)
            #expect(first.received == 3)
            #expect(first.changed == 2)
            #expect(first.conflictsOpened == 1)
            let sequence = try target.currentSequence()
            let snapshot = try target.snapshot()

            let second = try target.importChangeSet(file)
            #expect(second.received == 3)
            #expect(second.changed == 0)
            #expect(second.conflictsOpened == 0)
            #expect(try target.currentSequence() == sequence)
            #expect(try target.snapshot() == snapshot)
        }
    }

    @Test func writesBetweenTwoExportsFoldIntoOneVersionPerRow() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            try office.sql("INSERT INTO household (id, code, adults, minors) VALUES ('h1', 'A1', 2, 0)")
            let first = try office.exportChangeSet()
            let counter = try office.counter()
            #expect(counter == 1)

            try office.sql("UPDATE household SET code = 'B2' WHERE id = 'h1'")
            try office.sql("UPDATE household SET code = 'C3' WHERE id = 'h1'")
            try office.sql("INSERT INTO household (id, code) VALUES ('h2', 'D4')")
            try office.sql("UPDATE household SET adults = 3 WHERE id = 'h2'")
            try office.sql("UPDATE household SET minors = 2, adults = 4 WHERE id = 'h2'")
            try office.sql("INSERT INTO partner (id, name) VALUES ('p1', 'Deleted before the export')")
            try office.sql("DELETE FROM partner WHERE id = 'p1'")
            let second = try office.exportChangeSet(since: first.through)

            #expect(try office.counter() == counter + 1)
            #expect(second.rows.map(\.id).sorted() == ["h1", "h2"])
            let dot = Dot(replica: office.replicaID, counter: counter + 1)
            let h1 = try #require(second.rows.first { $0.id == "h1" })
            #expect(h1.fields["code"] == [Sibling(dot: dot, value: .text("C3"))])
            #expect(h1.fields["adults"] == [Sibling(dot: Dot(replica: office.replicaID, counter: 1), value: .integer(2))])
            #expect(h1.clock == VersionVector([office.replicaID: counter + 1]))
            let h2 = try #require(second.rows.first { $0.id == "h2" })
            #expect(h2.live == [Sibling(dot: dot, value: .integer(1))])
            #expect(h2.fields["adults"] == [Sibling(dot: dot, value: .integer(4))])
            #expect(h2.fields["minors"] == [Sibling(dot: dot, value: .integer(2))])
            #expect(try office.rowVersion(table: "partner", id: "p1") == nil)
        }
    }

    @Test func aRowInsertedWithoutSiteBelongsToTheReplicasSite() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office", site: "casalmaggiore")
            try office.sql("INSERT INTO partner (id, name) VALUES ('p1', 'Concass')")
            try office.sql("INSERT INTO partner (id, site_id, name) VALUES ('p2', 'hq', 'Fondazione Cariplo')")
            try office.sql("INSERT INTO household (code) VALUES ('A1')")
            #expect(try office.values("partner", "p1")?["site_id"] == .text("casalmaggiore"))
            #expect(try office.values("partner", "p2")?["site_id"] == .text("hq"))
            let households = try office.connection.query("SELECT id, site_id FROM household")
            #expect(households.count == 1)
            #expect(households.first?[0].text?.count == 36, "the id defaults to a random UUID")
            #expect(households.first?[1].text == "casalmaggiore")

            let exported = try office.exportChangeSet()
            let p1 = try #require(exported.rows.first { $0.id == "p1" })
            #expect(p1.owningSite == "casalmaggiore")
            #expect(exported.rows.filter { $0.table == "household" }.map(\.owningSite) == ["casalmaggiore"])
        }
    }
}
