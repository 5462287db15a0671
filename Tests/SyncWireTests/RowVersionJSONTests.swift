import Foundation
import SyncCore
import Testing
import SyncWire

/// The hand-written row-version JSON codec reads and writes the same documents as Codable.
struct RowVersionJSONTests {
    static let a = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
    static let b = ReplicaID("p8d4h6j2w9c3x5m7q1z2")

    static let samples: [RowVersion] = [
        RowVersion(
            table: "need_report", id: "0190f3a2-1-7abc", clock: VersionVector([a: 7, b: 3]),
            live: [Sibling(dot: Dot(replica: a, counter: 1), value: .integer(1))],
            fields: [
                "site_id": [Sibling(dot: Dot(replica: a, counter: 1), value: .text("crema"))],
                "description": [
                    Sibling(dot: Dot(replica: a, counter: 7), value: .text("quote \" slash \\ / new\nline\ttab \u{1} é 😀")),
                    Sibling(dot: Dot(replica: b, counter: 3), value: .text("")),
                ],
                "hours": [Sibling(dot: Dot(replica: b, counter: 3), value: .real(2.5))],
                "quantity": [Sibling(dot: Dot(replica: b, counter: 2), value: .real(-1e-7))],
                "adults": [Sibling(dot: Dot(replica: a, counter: 4), value: .integer(Int64.min))],
                "response": [Sibling(dot: Dot(replica: a, counter: 5), value: .null)],
            ]),
        RowVersion(table: "partner", id: "x", clock: VersionVector(), live: [], fields: [:]),
    ]

    @Test(arguments: samples)
    func handWrittenEncodingDecodesWithJSONDecoderToTheSameRow(row: RowVersion) throws {
        let decoded = try JSONDecoder().decode(RowVersion.self, from: Data(RowVersionJSON.encode(row)))
        #expect(decoded == row)
    }

    @Test(arguments: samples)
    func jsonEncoderOutputDecodesWithTheHandWrittenReaderToTheSameRow(row: RowVersion) throws {
        let bytes = Array(try JSONEncoder().encode(row))
        #expect(try RowVersionJSON.decode(bytes) == row)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted, .sortedKeys]
        #expect(try RowVersionJSON.decode(Array(try pretty.encode(row))) == row)
    }

    @Test func integralDoublesRoundTripAsJSONEncoderMakesThem() throws {
        let row = RowVersion(
            table: "t", id: "i", clock: VersionVector([Self.a: 1]), live: [],
            fields: ["q": [Sibling(dot: Dot(replica: Self.a, counter: 1), value: .real(2))]])
        let viaFoundation = try JSONDecoder().decode(RowVersion.self, from: try JSONEncoder().encode(row))
        #expect(try RowVersionJSON.decode(RowVersionJSON.encode(row)) == viaFoundation)
    }

    @Test(arguments: ["", "{", #"{"table":"t"}"#, #"{"table":"t","id":"i","clock":{},"live":[],"fields":{}} x"#,
        #"{"table":"t","id":"i","clock":{"a":-1},"live":[],"fields":{}}"#, #"{"table":"t","id":"i\"#])
    func malformedDocumentsAreRefused(text: String) {
        #expect(throws: RowVersionJSON.Malformed.self) { try RowVersionJSON.decode(Array(text.utf8)) }
    }

    @Test(arguments: [
        #"{"table":"t\#u{FFFD}","id":"i","clock":{},"live":[],"fields":{}}"#,
        #"{"table":"t","id":"a\\nb\#u{FFFD}","clock":{},"live":[],"fields":{}}"#,
    ])
    func stringsThatAreNotUTF8AreRefused(text: String) {
        // U+FFFD stands for the byte 0xFF, which no UTF-8 text contains.
        let bytes = Array(text.utf8).replacing([0xEF, 0xBF, 0xBD], with: [0xFF])
        #expect(throws: RowVersionJSON.Malformed.self) { try RowVersionJSON.decode(bytes) }
        // The same document with valid text decodes: only the byte is at fault.
        #expect(throws: Never.self) { try RowVersionJSON.decode(Array(text.utf8)) }
    }

    @Test func deeplyNestedUnknownValuesAreRefusedNotRecursedInto() {
        let text = #"{"x":"# + String(repeating: "[", count: 100_000) + #"],"table":"t"}"#
        #expect(throws: RowVersionJSON.Malformed.self) { try RowVersionJSON.decode(Array(text.utf8)) }
    }

    @Test func unknownKeysAreSkipped() throws {
        let text = #"{"x":[1,{"y":true,"z":null}],"table":"t","id":"i","clock":{"a":2},"live":[["a",2,1]],"fields":{},"w":false}"#
        let row = try RowVersionJSON.decode(Array(text.utf8))
        #expect(row.clock[ReplicaID("a")] == 2)
        #expect(row.live == [Sibling(dot: Dot(replica: ReplicaID("a"), counter: 2), value: .integer(1))])
    }

    @Test func pullPagesAndChangeSetsRoundTripThroughBothCoders() throws {
        let page = PullPage(
            epoch: "9f2c", rows: Self.samples, forget: [RowKey(table: "household", id: "h\"1")], through: 18,
            more: true, latestSequence: 20)
        #expect(try JSONDecoder().decode(PullPage.self, from: Data(WireJSON.encode(page))) == page)
        let foundation = Array(try JSONEncoder().encode(page))
        #expect(foundation.withUnsafeBytes(WireJSON.pullPage) == page)

        let changeSet = ChangeSet(schemaVersion: 1, origin: Self.a, site: "crema", since: 2, through: 9, rows: Self.samples)
        #expect(try JSONDecoder().decode(ChangeSet.self, from: Data(WireJSON.encode(changeSet))) == changeSet)
        let parts = Array(try JSONEncoder().encode(changeSet)).withUnsafeBytes(WireJSON.changeSetParts)
        #expect(parts?.changeSet == changeSet)
    }
}
