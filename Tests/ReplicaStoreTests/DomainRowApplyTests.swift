import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// Applying a pulled row inserts its domain row when the replica has no state for it and updates
/// it otherwise; a domain table that disagrees with that (a row already there, one missing) falls
/// back to the upsert, so the row always ends up showing the merged values.
struct DomainRowApplyTests {
    @Test func aPulledRowReplacesADomainRowOfTheSameIdThatHasNoSyncedState() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let peer = try Replica.fresh(in: directory, "peer")
            try office.sql("INSERT INTO partner (id, name, role) VALUES ('p-1', 'CISVOL', 'partner')")
            // A row the peer holds without a synced state or a dirty mark (written with capture off).
            try peer.connection.withoutTriggers {
                try peer.sql("INSERT INTO partner (id, name, role) VALUES ('p-1', 'Stale', 'supporter')")
            }

            let summary = try office.send(to: peer)

            #expect(summary.changed == 1)
            #expect(try peer.values("partner", "p-1")?["name"] == .text("CISVOL"))
            #expect(try peer.values("partner", "p-1")?["role"] == .text("partner"))
            #expect(try peer.rows(of: "partner") == office.rows(of: "partner"))
        }
    }

    @Test func aPulledUpdateRestoresADomainRowMissingHere() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let peer = try Replica.fresh(in: directory, "peer")
            try office.sql("INSERT INTO partner (id, name, role) VALUES ('p-1', 'CISVOL', 'partner')")
            try office.send(to: peer)
            // The peer has the row's state but its domain row went missing (removed with capture off).
            try peer.connection.withoutTriggers { try peer.sql("DELETE FROM partner WHERE id = 'p-1'") }
            try office.sql("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p-1'")

            try office.send(to: peer)

            #expect(try peer.values("partner", "p-1")?["name"] == .text("CISVOL Cremona"))
            #expect(try peer.rows(of: "partner") == office.rows(of: "partner"))
        }
    }
}
