import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// A replica stores row states in the compact form; one whose states an older build stored as wire
/// JSON reads, exports and pushes them as before, and a row it writes again is stored compact.
struct StoredStateFormTests {
    @Test func statesStoredAsWireJSONByAnOlderBuildReadExportAndPushAsTheCompactOnes() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            for index in 0..<6 {
                try office.sql(
                    "INSERT INTO partner (id, name, role) VALUES (?1, ?2, 'partner')", .text("p\(index)"), .text("Partner \(index)"))
            }
            let peer = try Replica.fresh(in: directory, "peer")
            try office.send(to: peer)
            try peer.sql("UPDATE partner SET name = 'Peer' WHERE id = 'p1'")
            try office.sql("UPDATE partner SET name = 'Office' WHERE id = 'p1'")
            try peer.send(to: office)  // p1 now holds two siblings (a conflict) and a clock of two replicas
            let compact = try stored(office)
            #expect(compact.allSatisfy { $0.state.first == UInt8(ascii: "[") }, "states are written compact")
            let before = try view(office)

            for row in compact {
                let version = try #require(try office.rowVersion(table: row.table, id: row.id))
                try office.sql(
                    "UPDATE _fl_row SET state = ?3 WHERE tbl = ?1 AND rid = ?2", .text(row.table), .text(row.id),
                    .text(String(decoding: RowVersionJSON.encode(version), as: UTF8.self)))
            }
            #expect(try stored(office).allSatisfy { $0.state.first == UInt8(ascii: "{") })
            #expect(try view(office) == before)

            try office.sql("UPDATE partner SET role = 'lead' WHERE id = 'p4'")
            _ = try office.exportChangeSet()
            let after = try stored(office)
            #expect(after.filter { $0.state.first == UInt8(ascii: "[") }.map(\.id) == ["p4"])
        }
    }

    @Test func aDamagedStateIsReportedWithTheRowItBelongsToWhetherReadPushedOrExported() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            try office.sql("INSERT INTO partner (id, name) VALUES ('p1', 'CISVOL')")
            _ = try office.exportChangeSet()
            try office.sql("UPDATE _fl_row SET state = '[{},[],{\"name\":\"x\"}]' WHERE rid = 'p1'")
            let expected = "the stored state of partner/p1 is damaged (a bare field value in a state without a single "
                + "live sibling at byte 15): restore the replica from a copy; without one, keep this file aside, "
                + "make a new replica with 'farelegami init' and sync"
            let attempts: [() throws -> Void] = [
                { _ = try office.rowVersion(table: "partner", id: "p1") },
                { _ = try office.nextOutboxBatch(limit: 10) },
                { _ = try office.exportChangeSet() },
            ]
            for attempt in attempts {
                #expect(performing: attempt, throws: { "\($0)" == expected })
            }
        }
    }

    /// Every stored state, in key order.
    private func stored(_ replica: Replica) throws -> [(table: String, id: String, state: [UInt8])] {
        try replica.connection.query("SELECT tbl, rid, state FROM _fl_row ORDER BY tbl, rid").map {
            ($0[0].text ?? "", $0[1].text ?? "", Array(($0[2].text ?? "").utf8))
        }
    }

    /// What the replica shows of its states: each row version, the export, and the push document's
    /// rows, as values (compared with ==: a description would depend on the order a version's field
    /// dictionary happens to iterate in, which two equal versions need not share).
    private func view(_ replica: Replica) throws -> [RowVersion?] {
        let byKey: (RowVersion, RowVersion) -> Bool = { ($0.table, $0.id) < ($1.table, $1.id) }
        let states = try stored(replica).map { try replica.rowVersion(table: $0.table, id: $0.id) }
        let exported = try replica.exportChangeSet().rows.sorted(by: byKey)
        let batch = try replica.nextOutboxBatch(limit: 100)
        let pushed = try ChangeSetCodec.decode(batch.changeSet, catalog: .farelegami).rows.sorted(by: byKey)
        #expect(pushed.count == 6)
        return states + exported + pushed
    }
}
