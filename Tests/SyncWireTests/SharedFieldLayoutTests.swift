import SyncCore
import Testing
import SyncWire

/// Decoded versions of a table's rows share one field order and interned replica ids, whatever
/// fields each names, and decode to the same rows as before.
struct SharedFieldLayoutTests {
    static let a = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
    static let b = ReplicaID("p8d4h6j2w9c3x5m7q1z2")

    static func row(_ table: String, _ names: [String], counter: UInt64 = 1) -> RowVersion {
        let fields = Dictionary(uniqueKeysWithValues: names.map {
            ($0, [Sibling(dot: Dot(replica: a, counter: counter), value: .text("\($0) \(counter)"))])
        })
        return RowVersion(
            table: table, id: "row", clock: VersionVector([a: counter, b: 2]),
            live: [Sibling(dot: Dot(replica: a, counter: 1), value: .integer(1))], fields: fields)
    }

    static func decoded(_ row: RowVersion) throws -> RowVersion {
        try RowVersionJSON.decode(RowVersionJSON.encode(row))
    }

    @Test func rowsOfOneTableDecodeWithTheirFieldsInOneOrder() throws {
        let names = (1...12).map { "column_\($0)" }
        let first = try Self.decoded(Self.row("layout_same", names, counter: 3))
        let second = try Self.decoded(Self.row("layout_same", names.reversed(), counter: 4))
        #expect(Array(first.fields.keys) == Array(second.fields.keys))
        #expect(second == Self.row("layout_same", names, counter: 4))
    }

    @Test func rowsWithOtherFieldsDecodeWhole() throws {
        _ = try Self.decoded(Self.row("layout_other", ["x", "y", "z"]))
        for names in [["x", "y"], ["x", "y", "w"], ["x", "y", "z", "w"], [], ["z", "y", "x"]] {
            #expect(try Self.decoded(Self.row("layout_other", names)) == Self.row("layout_other", names))
        }
    }

    @Test func aFieldNamedTwiceKeepsItsLastSiblingsAsBefore() throws {
        _ = try Self.decoded(Self.row("layout_twice", ["x", "y"]))
        let text = #"{"table":"layout_twice","id":"row","clock":{"k3v5q2m7x9t4w8r2c6n1":1},"live":[],"#
            + #""fields":{"x":[["k3v5q2m7x9t4w8r2c6n1",1,"first"]],"x":[["k3v5q2m7x9t4w8r2c6n1",1,"last"]]}}"#
        let row = try RowVersionJSON.decode(Array(text.utf8))
        #expect(row.fields == ["x": [Sibling(dot: Dot(replica: Self.a, counter: 1), value: .text("last"))]])
    }

    @Test func decodedVersionsMergeAsTheRowsTheyEncode() throws {
        let names = ["p", "q", "r", "s"]
        var local = Self.row("layout_merge", names, counter: 5)
        local.fields["q"] = [Sibling(dot: Dot(replica: Self.a, counter: 5), value: .text("mine"))]
        var remote = Self.row("layout_merge", names, counter: 1)
        remote.clock = VersionVector([Self.a: 1, Self.b: 3])
        remote.fields["q"] = [Sibling(dot: Dot(replica: Self.b, counter: 3), value: .text("theirs"))]
        remote.fields["s"] = [Sibling(dot: Dot(replica: Self.b, counter: 3), value: .null)]
        let expected = RowVersion.merge(local: local, remote: remote)
        let merged = RowVersion.merge(local: try Self.decoded(local), remote: try Self.decoded(remote))
        #expect(merged == expected)
        #expect(merged.merged.fields["q"]?.count == 2)
    }
}
