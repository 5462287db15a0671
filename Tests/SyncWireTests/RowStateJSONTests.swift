import SyncTestSupport
import Foundation
import SyncCore
import Testing
import SyncWire

/// A replica stores each row's state in the compact form: it reads back as the same row version,
/// reads states stored as wire JSON by older replicas, turns either into the wire JSON a push sends,
/// and refuses bytes that are not a state of the row asked for.
struct RowStateJSONTests {
    @Test func randomStatesReadBackAsTheSameRowVersionAndBecomeItsWireJSON() throws {
        var random = RandomVersions(seed: 0x5EED_57A7E)
        for _ in 0..<2_000 {
            let (local, remote) = random.pair()
            for row in [local, remote] {
                let stored = RowStateJSON.encode(row)
                #expect(try decode(stored, row) == row, "\(String(decoding: stored, as: UTF8.self))")
                #expect(try RowVersionJSON.decode(wireJSON(stored, row)) == row, "\(String(decoding: stored, as: UTF8.self))")
            }
        }
    }

    @Test(arguments: RowVersionJSONTests.samples)
    func statesOfEveryValueKindReadBackAsTheSameRowVersion(row: RowVersion) throws {
        #expect(try decode(RowStateJSON.encode(row), row) == row)
    }

    @Test(arguments: RowVersionJSONTests.samples)
    func statesStoredAsWireJSONByOlderReplicasStillRead(row: RowVersion) throws {
        #expect(try decode(RowVersionJSON.encode(row), row) == row)
    }

    @Test func aRowWrittenOnceIsStoredInLessThanHalfItsWireJSONWithEveryValueBare() throws {
        let replica = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
        let dot = Dot(replica: replica, counter: 41_207)
        let values: [String: FieldValue] = [
            "site_id": .text("crema"), "code": .text("CR-2F1K"), "municipality": .text("Crema"), "adults": .integer(2),
            "minors": .integer(1), "over65": .integer(0), "referral_source": .text("servizi sociali comunali"),
            "vulnerability": .text("fragilità economica e abitativa, segnalata dai servizi sociali 41207"),
        ]
        let row = RowVersion(
            table: "household", id: "0190f3a2-7c1e-7abc-8def-0123456789ab", clock: VersionVector([replica: 41_207]),
            live: [Sibling(dot: dot, value: .integer(1))],
            fields: values.mapValues { [Sibling(dot: dot, value: $0)] })
        let stored = RowStateJSON.encode(row)
        let text = String(decoding: stored, as: UTF8.self)
        #expect(stored.count * 2 < RowVersionJSON.encode(row).count, "\(stored.count) bytes: \(text)")
        #expect(text.contains(#""adults":2"#) && text.hasPrefix(#"[{"k3v5q2m7x9t4w8r2c6n1":41207},[[0,41207,1]],{"#))
        #expect(try decode(stored, row) == row)
    }

    @Test(arguments: RowVersionJSONTests.samples)
    func eitherStoredFormBecomesTheWireJSONOfTheRow(row: RowVersion) throws {
        for stored in [RowStateJSON.encode(row), RowVersionJSON.encode(row)] {
            #expect(try RowVersionJSON.decode(wireJSON(stored, row)) == row)
        }
    }

    @Test(arguments: [
        ("", "expected '['"),
        (#"[{"r1":1},[[0,1,1],[0,2,1]],{"name":"x"}]"#, "a bare field value in a state without a single live sibling"),
        (#"[{"r1":1},[[1,1,1]],{}]"#, "replica 1 of a clock naming 1"),
        (#"[{"r1":1},[[0,1,1]],{}] x"#, "trailing bytes after the row state"),
        (#"[{"r1":1,"r1":2},[],{}]"#, "replica r1 twice in a clock"),
        (#"[{"a":1,"\u0061":2},[],{}]"#, "replica a twice in a clock"),
        (#"[{"r1":1},[[0,1,"\x"]],{}]"#, "invalid escape"),
        (#"[{"r1":1},[[0,1,1]],{"n\x":2}]"#, "invalid escape"),
        (#"[{"r1":1},[[-1,1,1]],{}]"#, "a sibling's replica is neither a position in the clock nor a replica id"),
        (#"[{"r1":1},[[0,1,[1]]],{}]"#, "expected a number"),
        (#"[{"r1":1},[[0,1,1]],{"name":[0,1,"x"]}]"#, "expected '['"),
        (#"{"table":"partner","id":"other","clock":{},"live":[],"fields":{}}"#, "the state stored for partner/p-1 is partner/other's"),
    ])
    func bytesThatAreNotAStateOfTheRowAreRefusedSayingWhy(text: String, reason: String) {
        let row = RowVersion(table: "partner", id: "p-1", clock: VersionVector(), live: [], fields: [:])
        expectRefused(text, reason) { try decode(Array(text.utf8), row) }
        // A push copies a state stored as wire JSON as it is (the server checks it); a compact one it rewrites.
        if text.first != "{" { expectRefused(text, reason) { try wireJSON(Array(text.utf8), row) } }
    }

    private func expectRefused<T>(_ text: String, _ reason: String, _ body: () throws -> T) {
        do {
            _ = try body()
            Issue.record("accepted \(text)")
        } catch let error as RowVersionJSON.Malformed {
            #expect(error.description.hasPrefix(reason), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    private func wireJSON(_ stored: [UInt8], _ row: RowVersion) throws -> [UInt8] {
        var wire: [UInt8] = []
        try stored.withUnsafeBytes { try RowStateJSON.appendWireJSON(of: $0, table: row.table, id: row.id, to: &wire) }
        return wire
    }

    private func decode(_ bytes: [UInt8], _ row: RowVersion) throws -> RowVersion {
        try bytes.withUnsafeBytes { try RowStateJSON.decode($0, table: row.table, id: row.id) }
    }
}
