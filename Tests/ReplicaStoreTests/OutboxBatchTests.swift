import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// The outbox as a sync reads it: batch by batch, cutting a long backlog as it goes, each batch a
/// change set whose rows are the stored states.
@Suite struct OutboxBatchTests {
    @Test func aBacklogLongerThanABatchIsReadBatchByBatchEachRowOnce() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            for index in 0..<25 {
                try replica.sql("INSERT INTO partner (id, name, role) VALUES ('p\(index)', 'Partner \(index)', 'partner')")
            }
            var seen: [String] = []
            var counters = Set<UInt64>()
            var after: UInt64 = 0
            while true {
                let batch = try replica.nextOutboxBatch(after: after, limit: 10)
                if batch.count == 0 { break }
                #expect(batch.count <= 10)
                let changeSet = try ChangeSetCodec.decode(batch.changeSet, catalog: .farelegami)
                #expect(changeSet.rows.map(\.id) == batch.keys.map(\.id), "the document carries exactly the batch's rows")
                counters.formUnion(changeSet.rows.flatMap { $0.clock.counters.values })
                seen += batch.keys.map(\.id)
                after = batch.lastSequence
            }
            #expect(seen.sorted() == (0..<25).map { "p\($0)" }.sorted())
            #expect(counters.count == 3, "a backlog of 25 cut 10 at a time gets one dot per batch")
            #expect(try replica.unpushedCount() == 25, "nothing leaves the outbox before it is acknowledged")
        }
    }

    @Test func dirtyRowsThatChangedNothingDoNotHideTheRealChangesBehindThem() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            for index in 0..<12 {
                try replica.sql("INSERT INTO partner (id, name, role) VALUES ('a\(index)', 'A\(index)', 'partner')")
            }
            // Acknowledge everything, then rewrite the same values: dirty rows whose writes change nothing.
            var batch = try replica.nextOutboxBatch(limit: 100)
            try replica.acknowledge(batch)
            try replica.sql("UPDATE partner SET name = name")
            try replica.sql("INSERT INTO partner (id, name, role) VALUES ('z1', 'Z', 'lead')")
            batch = try replica.nextOutboxBatch(limit: 5)
            #expect(batch.keys.map(\.id) == ["z1"], "the no-op rows sort first and fill the first cut; z1 must still come")
            try replica.acknowledge(batch)
            #expect(try replica.unpushedCount() == 0)
        }
    }

    @Test func acknowledgingABatchKeepsARowWrittenAgainMeanwhile() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            try replica.sql("INSERT INTO partner (id, name, role) VALUES ('p1', 'One', 'partner')")
            let sent = try replica.nextOutboxBatch(limit: 10)
            try replica.sql("UPDATE partner SET name = 'Uno' WHERE id = 'p1'")
            let next = try replica.nextOutboxBatch(after: sent.lastSequence, limit: 10)
            try replica.acknowledge(sent)
            #expect(next.keys.map(\.id) == ["p1"], "the new version is queued after the one in flight")
            #expect(try replica.unpushedCount() == 1, "the acknowledgement of the old version leaves the new one queued")
        }
    }
}
