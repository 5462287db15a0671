import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// A change-set file imported at the central office is queued for its next push, with the writes as
/// their office made them; an office refuses another office's file.
struct RelayImportTests {
    @Test func aFileImportedAtTheCentralOfficeIsQueuedWithTheOfficesOwnDots() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "casalmaggiore", site: "casalmaggiore")
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try office.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'Concass')")
            try office.sql("INSERT INTO household (id, code, adults) VALUES ('h-1', 'CA1', 2)")

            let summary = try office.send(to: hq)

            #expect(summary.changed == 2)
            #expect(try hq.unpushedCount() == 2)
            let batch = try hq.nextOutboxBatch(limit: 10)
            let pushed = try ChangeSetCodec.decode(batch.changeSet, catalog: .farelegami)
            #expect(pushed.origin == hq.replicaID)
            #expect(Set(pushed.rows.map(\.id)) == ["p-1", "h-1"])
            for row in pushed.rows {
                #expect(row.clock.entries.map(\.replica) == [office.replicaID], "\(row.table)/\(row.id)")
            }
        }
    }

    @Test func importingTheSameFileTwiceAtTheCentralOfficeQueuesNothingMore() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "casalmaggiore", site: "casalmaggiore")
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try office.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'Concass')")
            let file = ChangeSetCodec.encode(try office.exportChangeSet())
            try hq.importChangeSet(file)
            try hq.acknowledge(try hq.nextOutboxBatch(limit: 10))

            let again = try hq.importChangeSet(file)

            #expect(again.changed == 0)
            #expect(try hq.unpushedCount() == 0)
        }
    }

    @Test func anOfficeRefusesAFileAnotherOfficeExportedAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let crema = try Replica.fresh(in: directory, "crema")
            let cremona = try Replica.fresh(in: directory, "cremona", site: "cremona")
            try crema.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'Comune di Crema')")
            let before = try cremona.snapshot()

            let error = try #require(throws: ReplicaError.self) { try crema.send(to: cremona) }

            #expect("\(error)".contains("exported by crema"))
            #expect("\(error)".contains("hq"))
            #expect(try cremona.snapshot() == before)
        }
    }

    @Test func anOfficeImportsTheCentralOfficesFileWithoutQueueingIt() throws {
        try withTemporaryDirectory { directory in
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            let crema = try Replica.fresh(in: directory, "crema")
            try hq.sql("INSERT INTO partner (id, name) VALUES ('p-1', 'Fondazione Cariplo')")

            #expect(try hq.send(to: crema).changed == 1)
            #expect(try crema.unpushedCount() == 0)
        }
    }
}
